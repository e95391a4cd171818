// Every failure of a command as one sentence on standard error and a non-zero exit.
import ArgumentParser
import Foundation
import FrontDeskStore

/// Prints any failure as one sentence on standard error and exits non-zero: store errors as their
/// sentence, SQLite's as a sentence too (never its SQL), folded to one bounded line whatever the
/// input quoted in it. ArgumentParser's own exits pass through.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        FileHandle.standardError.write(Data("frontdesk: \(OneLine.make(error.message))\n".utf8))
        throw ExitCode.failure
    } catch let error where error is ExitCode || error is CleanExit || error is ArgumentParser.ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Data("frontdesk: \(OneLine.make(StoreError.sentence(for: error)))\n".utf8))
        throw ExitCode.failure
    }
}

/// Input that could not be read (a password prompt with no terminal, say).
struct InputError: Error {
    let message: String
}
