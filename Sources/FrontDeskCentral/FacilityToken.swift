// Facility tokens: made once, shown once, kept only as a SHA-256.
import FrontDeskLedger

/// A facility's bearer token.
public enum FacilityToken {
    /// A new token: `fdt_` and 64 hex digits (256 random bits from the system's generator).
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return "fdt_" + String((0..<64).map { _ in digits[Int(generator.next() % 16)] })
    }

    /// What the server stores and compares: lowercase hex SHA-256 of the token's UTF-8.
    public static func hash(_ token: String) -> String { LedgerHash.hex(of: Array(token.utf8)) }
}
