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

    /// Spends the time a real check would, so that an unknown username answers no faster.
    static func burnVerification(_ password: String) {
        _ = Bcrypt.verify(prehash(password), hash: decoy)
    }

    private static let decoy = Bcrypt.hash("decoy", cost: cost)

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
