// A typed password that the terminal could not read as UTF-8 is refused, never checked as something else.
import TerminalKit

/// Bytes that are not UTF-8 reach a field as U+FFFD (`UTF8Input`); in a password that would make
/// different passwords the same, so the sign-in, lock and supervisor forms refuse it before checking.
package enum PasswordText {
    package static let unreadableMessage =
        "The password has bytes this terminal could not read as UTF-8; set the terminal to UTF-8 and type it again."

    /// The refusal for `text`, or nil when it can be checked.
    package static func unreadable(_ text: String) -> String? {
        text.unicodeScalars.contains(UTF8Input.replacement) ? unreadableMessage : nil
    }
}
