// Typed bytes decoded strictly: invalid UTF-8 becomes a visible U+FFFD and never swallows the keys after it.
import XCTest

@testable import TerminalKit

final class UTF8InputTests: XCTestCase {
    func testBytesThatAreNotUTF8BecomeOneReplacementEachAndNothingIsLost() {
        XCTAssertEqual(UTF8Input.decodeAll(Array("pass".utf8) + [0xFF, 0xFE] + Array("word123".utf8)), "pass\u{FFFD}\u{FFFD}word123")
        XCTAssertEqual(UTF8Input.decodeAll(Array("pass".utf8) + [0x80, 0x81] + Array("word123".utf8)), "pass\u{FFFD}\u{FFFD}word123")
        XCTAssertEqual(UTF8Input.decodeAll([0xC0, 0x80]), "\u{FFFD}\u{FFFD}", "an overlong NUL")
        XCTAssertEqual(UTF8Input.decodeAll([0xED, 0xA0, 0x80]), "\u{FFFD}\u{FFFD}\u{FFFD}", "a surrogate")
        XCTAssertEqual(UTF8Input.decodeAll([0xF4, 0x90, 0x80, 0x80]), "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}", "above U+10FFFF")
        XCTAssertEqual(UTF8Input.decodeAll([0xE2, 0x82, 0x61]), "\u{FFFD}a", "a cut-off euro sign, then the next key")
        XCTAssertEqual(UTF8Input.decodeAll([0xE2, 0x82]), "\u{FFFD}", "cut off at the end")
    }

    func testValidTextOfEveryLengthDecodesAsItself() {
        for text in ["plain", "Wanjirũ", "€100", "王秀英", "🩺 ok", "Nguyễn Thị", "\u{1D11E}"] {
            XCTAssertEqual(UTF8Input.decodeAll(Array(text.utf8)), text)
        }
    }

    /// Against Swift's own decoder, which replaces each maximal invalid subpart as Unicode recommends.
    func testRandomBytesDecodeAsTheStandardLibraryDoes() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                    0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            XCTAssertEqual(UTF8Input.decodeAll(bytes), String(decoding: bytes, as: UTF8.self), "\(bytes)")
        }
    }

    func testAKeyCodeInsideASequenceIsKeptForTheNextKey() {
        var codes: [Int32] = [0x103]  // KEY_UP arriving where a continuation byte was due
        let decoded = UTF8Input.decode(first: 0xC3) { codes.isEmpty ? nil : codes.removeFirst() }
        XCTAssertEqual(decoded, UTF8Input.Decoded(scalar: nil, leftover: 0x103))
    }
}
