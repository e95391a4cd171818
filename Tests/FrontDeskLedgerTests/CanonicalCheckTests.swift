// The in-place canonical check: it passes exactly the bytes CanonicalJSON writes, and nothing it would rewrite.
import FrontDeskTestSupport
import XCTest
@testable import FrontDeskLedger

final class CanonicalCheckTests: XCTestCase {
    func testEveryCanonicalFormPasses() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = try CanonicalJSON.bytes(RandomJSON.value(depth: 0, using: &random))
            XCTAssertTrue(CanonicalJSON.isCanonical(bytes), String(decoding: bytes, as: UTF8.self))
        }
    }

    func testWhatTheWriterWouldRewriteFails() {
        for text in [
            #"{"b":1,"a":2}"#, #"{"a":1,"a":1}"#, #"{ "a":1}"#, #"[1, 2]"#, " 1", "1 ", #"{"a":-0}"#, "01", "-01",
            "1.0", "1e3", "9007199254740993", "-9007199254740993", "12345678901234567", #""\/""#, #""\u0041""#,
            #""\u000A""#, #""\n\u001F""#.replacingOccurrences(of: "1F", with: "1f").replacingOccurrences(of: "f\"", with: "F\""),
            #""\u0009""#, #""a"#, "[1,]", "{", "tru", "nul", #"{"b":1,"\n":2}"#, "\"\u{1}\"",
        ] {
            XCTAssertFalse(CanonicalJSON.isCanonical(Array(text.utf8)), text)
        }
    }

    func testBoundariesThatAreCanonicalPass() {
        for text in ["0", "-1", "9007199254740992", "-9007199254740992", #""\u001f""#, #""\u0000\n\"\\""#, "[]", "{}",
                     #"{"":1,"a":[{}],"é":null,"王":true}"#, "\"\u{7F}🙂\""] {
            XCTAssertTrue(CanonicalJSON.isCanonical(Array(text.utf8)), text)
        }
    }

    /// Random texts near canonical ones: whenever the check passes one, parsing and rewriting it gives it back.
    func testAnythingThatPassesIsItsOwnCanonicalForm() throws {
        var random = SystemRandomNumberGenerator()
        let noise = Array(#" ,:{}[]"\/u0aF-1.e"#.utf8)
        var passed = 0
        for _ in 0..<3000 {
            var bytes = try CanonicalJSON.bytes(RandomJSON.value(depth: 0, using: &random))
            for _ in 0..<Int.random(in: 1...2, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.insert(noise.randomElement(using: &random)!, at: at)
                case 1: bytes.remove(at: at)
                default: bytes[at] = noise.randomElement(using: &random)!
                }
            }
            guard CanonicalJSON.isCanonical(bytes) else { continue }
            passed += 1
            let text = try XCTUnwrap(String(validating: bytes, as: UTF8.self))
            XCTAssertEqual(try CanonicalJSON.bytes(JSONValue.parse(text)), bytes, text)
        }
        XCTAssertGreaterThan(passed, 0)
    }
}
