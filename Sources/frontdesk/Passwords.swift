// Reading passwords: from standard input (scripts) or a terminal prompt with echo off.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where passwords come from for one command run.
struct PasswordSource {
    let fromStdin: Bool

    /// The next password. With `--password-stdin` each password is one line of standard input,
    /// in the order the command's help gives; otherwise the terminal is asked, echo off.
    func read(prompt: String, confirm: Bool = false) throws -> String {
        if fromStdin {
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw InputError(message: "standard input ended before the password for \(prompt.lowercased())")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw InputError(message: "no terminal to ask for a password; pass --password-stdin and pipe it in")
        }
        let first = try Self.prompt(prompt + ": ")
        if confirm {
            let again = try Self.prompt("Again, to confirm: ")
            guard again == first else { throw InputError(message: "the two passwords differ; nothing was changed") }
        }
        return first
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw InputError(message: "no password was typed")
        }
        return line
    }
}
