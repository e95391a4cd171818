// Every way a store operation can fail, each with a message a person can act on.
import FrontDeskCore
import GRDB

/// A refused or failed store operation. Nothing was written when one is thrown.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case alreadyExists(path: String)
    case notAFrontDeskStore(path: String, reason: String)
    case invalid(ValidationError)
    case notPermitted(action: String, role: String)
    case notSignedIn
    case wrongCredentials
    case accountLocked(until: String)
    case accountDisabled
    case userNotFound(String)
    case duplicate(String)
    case storageFull
    case storageFailure(String)
    case busy
    case madeByNewerFrontDesk(path: String, migration: String)
    case needsUpgrade(path: String, pending: [String])
    case readOnly
    case pathTaken(path: String, reason: String)
    case folderMissing(String)
    case backupDamaged(path: String, problems: [String])
    case storeInUse(path: String, processes: [Int32])
    case backupExists(path: String)
    /// The store's own rules (a UNIQUE, CHECK, NOT NULL or FOREIGN KEY constraint, or a trigger) refused
    /// the change: `reason` says what, in words, never in SQL.
    case refusedByStore(reason: String)
    /// A failure of the store with no better sentence: SQLite's result code, never its SQL.
    case unexpected(code: Int32)
    /// One transaction would ledger more than one push may carry (ledger-protocol.md §3: 500 entries or
    /// 1 MiB, never split): it could never reach the central server, so it is refused before it commits.
    case transactionTooLarge(entries: Int, bytes: Int)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "No FrontDesk store at \(path). Create one with `frontdesk init --facility NAME --timezone TZ --currency CODE --admin USER`, or try `frontdesk demo`."
        case .alreadyExists(let path):
            return "A store already exists at \(path); it was left untouched."
        case .notAFrontDeskStore(let path, let reason):
            return "\(path) is not a FrontDesk store (\(reason))."
        case .invalid(let error):
            return error.description
        case .notPermitted(let action, let role):
            return "\(Self.article(before: role)) \(role) may not \(action); nothing was changed."
        case .notSignedIn:
            return "This action needs a signed-in user whose account is active."
        case .wrongCredentials:
            return "Wrong username or password. After \(FacilityStore.lockoutThreshold) wrong in a row the account is locked for \(Int(FacilityStore.lockoutDuration / 60)) minutes."
        case .accountLocked(let until):
            return "This account is locked after repeated failed sign-ins until \(until). An administrator can reset it."
        case .accountDisabled:
            return "This account is disabled. Ask an administrator."
        case .userNotFound(let name):
            return "There is no user '\(name)'."
        case .duplicate(let what):
            return "\(what) already exists."
        case .storageFull:
            return "The disk is full: nothing was saved. Free some space and try again."
        case .storageFailure(let detail):
            return "The store could not be read or written (\(detail)); nothing was saved."
        case .busy:
            return "The store is busy with another terminal's work; try again."
        case .madeByNewerFrontDesk(let path, let migration):
            return "\(path) was made by a newer FrontDesk (it has schema step '\(migration)', unknown to this one); upgrade FrontDesk. The store was left untouched."
        case .needsUpgrade(let path, let pending):
            return "\(path) was made by an older FrontDesk and needs \(pending.count) schema step(s) (\(pending.joined(separator: ", "))); this command only reads, so it changed nothing. Run `frontdesk migrate` to bring the store up to date."
        case .readOnly:
            return "This store was opened for reading only; nothing was changed."
        case .pathTaken(let path, let reason):
            return "\(path) is already there and is not a FrontDesk store (\(reason)); it was left untouched. Choose another path."
        case .folderMissing(let folder):
            return "The folder \(folder) does not exist; create it first (FrontDesk creates only its own data folder)."
        case .backupDamaged(let path, let problems):
            return "\(path) did not pass verify, so it was not restored: " + problems.prefix(3).joined(separator: "; ")
                + (problems.count > 3 ? " (and \(problems.count - 3) more)" : "")
        case .backupExists(let path):
            return "\(path) already exists; a backup never replaces a file. Nothing was written: choose a new name."
        case .storeInUse(let path, let processes):
            return "\(path) is open in \(processes.count) other process(es) (pid \(processes.map(String.init).joined(separator: ", "))); close every terminal and the sync agent first. Nothing was changed."
        case .refusedByStore(let reason):
            return "\(reason); nothing was saved."
        case .unexpected(let code):
            return "The store could not do this (error code \(code)); nothing was saved. If it happens again, run `frontdesk verify`."
        case .transactionTooLarge(let entries, let bytes):
            return "This change is too large to record as one step (\(entries) ledger entries, about \(bytes / 1024) KiB; at most \(BusinessTransaction.maxEntries) entries and 1 MiB): nothing was saved. Do it in smaller parts."
        }
    }
}

extension StoreError {
    /// "A" or "An" by how `word` sounds: an administrator, a user, a nurse, an hour.
    static func article(before word: String) -> String {
        let w = word.lowercased()
        let soundsLikeYou = ["uni", "use", "usu", "uti", "eu", "one"].contains { w.hasPrefix($0) }
        let silentH = ["hour", "honest", "honour", "heir"].contains { w.hasPrefix($0) }
        let vowel = w.first.map { "aeiou".contains($0) } ?? false
        return (vowel && !soundsLikeYou) || silentH ? "An" : "A"
    }

    /// Turns SQLite's failures into messages; other errors pass through untouched. Every SQLite
    /// error becomes a `StoreError`, so that no SQL (GRDB's "while executing …") reaches a person.
    static func translating(_ error: any Error) -> any Error {
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
        case .SQLITE_FULL: return StoreError.storageFull
        case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError.storageFailure(dbError.message ?? "\(dbError.resultCode)")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy
        case .SQLITE_CONSTRAINT: return StoreError.refusedByStore(reason: ConstraintFailure.reason(for: dbError))
        default: return StoreError.unexpected(code: dbError.resultCode.rawValue)
        }
    }

    /// One line for any error a command or a screen caught: a store error's sentence, SQLite's
    /// failures as sentences, anything else as it describes itself (first line only).
    public static func sentence(for error: any Error) -> String {
        let translated = translating(error)
        if let storeError = translated as? StoreError { return storeError.description }
        let text = "\(translated)".split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return text.isEmpty ? "Something went wrong (\(type(of: translated))); nothing was saved." : text
    }
}
