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
    /// The store's own rules (a UNIQUE, CHECK, NOT NULL or FOREIGN KEY constraint, or a trigger) refused
    /// the change: `reason` says what, in words, never in SQL.
    case refusedByStore(reason: String)
    /// A failure of the store with no better sentence: SQLite's result code, never its SQL.
    case unexpected(code: Int32)

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
            return "A \(role) may not \(action); nothing was changed."
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
        case .refusedByStore(let reason):
            return "\(reason); nothing was saved."
        case .unexpected(let code):
            return "The store could not do this (error code \(code)); nothing was saved. If it happens again, run `frontdesk verify`."
        }
    }
}

extension StoreError {
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
