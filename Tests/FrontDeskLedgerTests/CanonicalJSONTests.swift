// Canonical JSON: known byte strings, and agreement with Python's json.dumps on random values.
import Foundation
import FrontDeskTestSupport
import XCTest

@testable import FrontDeskLedger

final class CanonicalJSONTests: XCTestCase {
    func testKeysSortedAtEveryDepthWithoutWhitespace() throws {
        let value: JSONValue = ["b": 1, "a": ["d": true, "c": nil], "A": [3, "x"]]
        XCTAssertEqual(try CanonicalJSON.string(value), #"{"A":[3,"x"],"a":{"c":null,"d":true},"b":1}"#)
    }

    func testEscapesOnlyQuoteBackslashAndControls() throws {
        let value: JSONValue = .string("q\" b\\ \u{08}\u{0C}\n\r\t \u{01}\u{1F} / \u{7F} é 王 🙂")
        XCTAssertEqual(
            try CanonicalJSON.string(value), "\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f / \u{7F} é 王 🙂\"")
    }

    func testIntegersWithinTwoToThe53AreKeptAndOthersRefused() throws {
        XCTAssertEqual(try CanonicalJSON.string(.int(1 << 53)), "9007199254740992")
        XCTAssertEqual(try CanonicalJSON.string(.int(-(1 << 53))), "-9007199254740992")
        XCTAssertThrowsError(try CanonicalJSON.string(.int((1 << 53) + 1)))
    }

    func testParsingRefusesFloatingPoint() {
        XCTAssertThrowsError(try JSONValue.parse(#"{"amount":1.5}"#))
        XCTAssertEqual(try JSONValue.parse(#"{"amount":150,"ok":true}"#), ["amount": 150, "ok": true])
    }

    /// 400 random values, canonicalised here and by Python's json.dumps(sort_keys, compact,
    /// ensure_ascii=False): the bytes must be identical.
    func testAgreesWithPythonJsonDumps() throws {
        var random = SystemRandomNumberGenerator()
        let values = (0..<400).map { _ in RandomJSON.value(depth: 0, using: &random) }
        let ours = try values.map { try CanonicalJSON.string($0) }
        let theirs = try Python.run(
            """
            import json, sys
            for line in sys.stdin.read().split("\\n")[:-1]:
                print(json.dumps(json.loads(line), sort_keys=True, separators=(",", ":"), ensure_ascii=False))
            """, input: ours.joined(separator: "\n") + "\n")
        let lines = theirs.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        XCTAssertEqual(lines.count, ours.count)
        for (a, b) in zip(ours, lines) where a != b {
            XCTFail("canonical JSON differs from Python:\nours   \(a)\npython \(b)")
            return
        }
    }
}

/// Runs a Python 3 snippet, returns its standard output.
enum Python {
    static func run(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw NSError(domain: "python", code: Int(process.terminationStatus)) }
        return String(decoding: output, as: UTF8.self)
    }
}

final class JSONParserTests: XCTestCase {
    func testReadsBackEveryRandomValueItsCanonicalFormCameFrom() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let value = RandomJSON.value(depth: 0, using: &random)
            XCTAssertEqual(try JSONValue.parse(try CanonicalJSON.string(value)), value)
        }
    }

    func testAcceptsWhitespaceEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try JSONValue.parse(" { \"a\" : [ 1 , -2 , true , null ] , \"b\" : \"\\u00e9\\ud83d\\ude42\\/\" } "),
                       ["a": [1, -2, true, nil], "b": "é🙂/"])
    }

    func testRefusesWhatTheLedgerNeverHolds() {
        for bad in ["1.5", "1e3", "{\"a\":1,\"a\":2}", "[1,]", "01", "\"\u{01}\"", "{\"a\":1} x", "\"\\ud800\"", "tru"] {
            XCTAssertThrowsError(try JSONValue.parse(bad), bad)
        }
    }
}
