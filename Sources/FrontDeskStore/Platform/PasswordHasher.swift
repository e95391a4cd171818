// Password hashing: bcrypt (cost 11) over SHA-256 of the password.
import Crypto
import Foundation
import HummingbirdBcrypt

/// Hashes and checks passwords. bcrypt reads only 72 bytes, so the password is first reduced
/// with SHA-256 (base64, 44 bytes): a 128-character password counts in full.
enum PasswordHasher {
    static let scheme = "bcrypt-sha256$"
    static let cost: UInt8 = 11

    static func hash(_ password: String) -> String {
        scheme + Bcrypt.hash(prehash(password), cost: cost)
    }

    static func verify(_ password: String, against stored: String) -> Bool {
        guard stored.hasPrefix(scheme) else { return false }
        return Bcrypt.verify(prehash(password), hash: String(stored.dropFirst(scheme.count)))
    }

    /// A stored hash of the same scheme and cost as every account's, of a random secret nobody knows:
    /// an unknown username or a locked account is checked against it, so every refusal costs one
    /// bcrypt verification of the same cost. A constant, not hashed at first use: that would cost a
    /// second bcrypt in the first refusal of every process (the CLI's only one).
    static let decoy = scheme + "$2b$11$IydJ800FX00IpZxYCh2Kc.aJsFS1IYUT0e87x9hjT01Y.slEpdrxu"

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
