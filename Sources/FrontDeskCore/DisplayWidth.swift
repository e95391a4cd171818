// Display columns of text in a monospaced font (wide characters two, combining marks none), and wrapping to them.
import Foundation

/// Columns text takes in a monospaced font or on a terminal: wide East Asian characters and
/// emoji two, combining marks none. The same rules as TerminalKit's `TextWidth`, without the C library.
enum DisplayWidth {
    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: return isWide(first.value) ? 2 : 1
        }
    }

    static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    /// East Asian Wide and Fullwidth: Hangul, CJK, kana, fullwidth forms.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` broken at spaces into lines of at most `first` columns, then `rest`. Spaces inside a
    /// line are kept ("Okafor, Amina  MR00000018"); a word longer than a whole line is broken
    /// between characters, so nothing is lost. Always at least one line.
    static func wrap(_ text: String, first: Int, rest: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        var limit: Int { max(1, lines.isEmpty ? first : rest) }
        func finish() {
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
            line = ""
            used = 0
        }
        var gap = 0
        var word = ""
        func place() {
            defer { word = ""; gap = 0 }
            guard !word.isEmpty else { return }
            let w = of(word)
            if used > 0, used + gap + w <= limit {
                line += String(repeating: " ", count: gap) + word
                used += gap + w
                return
            }
            if w <= limit {
                if used > 0 { finish() }
                line = word
                used = w
                return
            }
            // Longer than a line: start it here if there is room, and break it between characters.
            if used > 0, used + gap < limit {
                line += String(repeating: " ", count: gap)
                used += gap
            } else if used > 0 {
                finish()
            }
            for character in word {
                let c = of(character)
                if used > 0, used + c > limit { finish() }
                line.append(character)
                used += c
            }
        }
        for character in text {
            if character == " " {
                if !word.isEmpty { place() }
                gap += 1
            } else {
                word.append(character)
            }
        }
        place()
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
