// Reading passwords: from standard input (scripts) or a terminal prompt with echo off; UTF-8 only.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where passwords come from for one command run.
struct PasswordSource {
    let fromStdin: Bool

    /// The next password. With `--password-stdin` each password is one line of standard input,
    /// in the order the command's help gives; otherwise the terminal is asked, echo off.
    /// Bytes that are not UTF-8 are refused: decoding them leniently would make `pass\xff\xfe…` and
    /// `pass\x80\x81…` the same password.
    func read(prompt: String, confirm: Bool = false) throws -> String {
        if fromStdin {
            guard let line = try Self.readLine() else {
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
        guard let line = try readLine() else {
            throw InputError(message: "no password was typed")
        }
        return line
    }

    /// One line of standard input without its newline, decoded as strict UTF-8; nil at the end.
    /// Read a byte at a time with read(2), so nothing past the line is taken from the next reader.
    static func readLine() throws -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { break }
            if byte == UInt8(ascii: "\n") { return try decode(bytes) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : try decode(bytes)
    }

    /// Strict UTF-8, or an error that says so (no password is ever made of replacement characters).
    static func decode(_ bytes: some Collection<UInt8>) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(message: "the password is not valid UTF-8 (check the terminal's or the file's encoding); nothing was checked or changed")
        }
        return text
    }
}
