// The central server's address as an administrator types it: checked, and plain http only to loopback.
import Foundation
import FrontDeskCore

/// A central server's base URL (`https://central.example.org`, `http://127.0.0.1:8123`).
public enum SyncServerAddress {
    /// The URL without a trailing slash, or a `ValidationError` naming what is wrong. Plain `http://`
    /// to anything but loopback carries the token and patient records in clear text over the network,
    /// so it is refused unless `insecure` says the administrator means it.
    public static func checked(_ text: String, insecure: Bool) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 500, !trimmed.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }),
              let parts = URLComponents(string: trimmed), let scheme = parts.scheme?.lowercased(),
              let host = parts.host, !host.isEmpty
        else {
            throw ValidationError("url", "'\(Quote.excerpt(text))' is not a server address such as https://central.example.org")
        }
        guard scheme == "http" || scheme == "https" else {
            throw ValidationError("url", "the address must start with https:// (or http:// for this machine), not \(scheme)://")
        }
        guard parts.user == nil, parts.password == nil, parts.query == nil, parts.fragment == nil else {
            throw ValidationError("url", "give the server's base address only, without a user, a query or a fragment")
        }
        guard parts.path.isEmpty || parts.path == "/" else {
            throw ValidationError("url", "give the server's base address only (\(scheme)://\(host)…), without a path")
        }
        if scheme == "http", !isLoopback(host), !insecure {
            throw ValidationError(
                "url", "plain http:// to \(host) would send the token and patient records unencrypted; use https://, or --insecure on a network you trust")
        }
        return trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
    }

    /// This machine: `localhost`, 127.0.0.0/8, `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// A token as `frontdesk-central facility add` prints it: visible ASCII, no spaces, 16 to 512 characters.
    public static func checkedToken(_ token: String) throws -> String {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (16...512).contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII && ($0.asciiValue ?? 0) > 0x20 && $0 != "\u{7F}" })
        else {
            throw ValidationError("token", "the token must be the facility's token as `frontdesk-central facility add` printed it (16 to 512 visible characters)")
        }
        return trimmed
    }

    /// Certificates to trust for the central server, in PEM: one or more `CERTIFICATE` blocks and nothing
    /// secret (a private key here would sit in a file the agent reads on every start). Whether each block
    /// is a certificate TLS can use is checked where TLS is (`SyncTrustRoots`).
    public static func checkedCertificates(_ pem: String) throws -> String {
        guard pem.utf8.count <= 256 * 1024 else {
            throw ValidationError("ca-file", "the certificates file is over 256 KB: give the certificate authority's certificate only")
        }
        guard !pem.contains("PRIVATE KEY") else {
            throw ValidationError("ca-file", "the file holds a private key: give the certificate authority's certificate only, never a key")
        }
        let begins = pem.components(separatedBy: "-----BEGIN CERTIFICATE-----").count - 1
        let ends = pem.components(separatedBy: "-----END CERTIFICATE-----").count - 1
        guard begins >= 1, begins == ends else {
            throw ValidationError("ca-file", "the file holds no certificate in PEM form (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)")
        }
        return pem
    }
}
