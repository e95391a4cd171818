// Every refusal on the command line is one line on standard error, however bad the input.
import ArgumentParser
import Foundation

extension FrontDesk {
    /// ArgumentParser's own refusals (a missing option, a value that is not a number) print a
    /// usage block and quote the input whole; a script or a person reading a log wants one line
    /// that names the problem, with input quoted at most 80 characters. Help still prints whole.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version
            let message = Self.message(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data("frontdesk: \(OneLine.make(message, shorteningQuotes: true)) (see --help)\n".utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// Folds a message to one line of bounded length.
enum OneLine {
    static let limit = 400

    /// `shorteningQuotes`: ArgumentParser quotes a refused value whole between '…'; our own
    /// messages quote through `Quote` already (and hold apostrophes: "the facility's store").
    static func make(_ text: String, shorteningQuotes: Bool = false) -> String {
        var line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        if line.hasPrefix("Error: ") { line.removeFirst("Error: ".count) }
        // Quoted input can be huge: keep each quoted run short.
        if shorteningQuotes { line = shortenQuotes(line) }
        if line.count > limit { line = String(line.prefix(limit - 1)) + "…" }
        return String(line.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format ? "?" : Character(scalar)
        })
    }

    private static func shortenQuotes(_ text: String) -> String {
        var out = "", quoted = "", inside = false
        for c in text {
            if c == "'" {
                if inside { out += (quoted.count > 80 ? String(quoted.prefix(79)) + "…" : quoted) + "'"; quoted = "" } else { out.append(c) }
                inside.toggle()
            } else if inside {
                quoted.append(c)
            } else {
                out.append(c)
            }
        }
        return out + (inside ? (quoted.count > 80 ? String(quoted.prefix(79)) + "…" : quoted) : "")
    }
}
