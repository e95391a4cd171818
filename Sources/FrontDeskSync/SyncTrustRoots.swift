// The certificates the agent trusts for the central server, read from PEM for TLS.
import NIOSSL

/// Turns the PEM a set-up gave (`frontdesk sync setup --ca-file`) into the trust roots of the agent's
/// TLS: those certificates only, instead of the system's. Checked at set-up too, so that a file TLS
/// cannot use is refused there, not found by the agent later.
public enum SyncTrustRoots {
    public struct Unusable: Error, CustomStringConvertible {
        public let description: String
    }

    public static func certificates(fromPEM pem: String) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
        } catch {
            throw Unusable(description: "the certificates cannot be read as PEM (\(error))")
        }
        guard !certificates.isEmpty else { throw Unusable(description: "the file holds no certificate") }
        return certificates
    }
}
