// The in-memory screen: wide and combining characters keep the layout; clipping at edges.
import XCTest

@testable import TerminalKit

final class ScreenBufferTests: XCTestCase {
    func testWidthsOfScriptsFromTheDemo() {
        XCTAssertEqual(TextWidth.of("Nguyễn Thị Ánh"), 14)
        XCTAssertEqual(TextWidth.of("Ọlọ́wọ̀"), 5)
        XCTAssertEqual(TextWidth.of("محمد"), 4)
        XCTAssertEqual(TextWidth.of("王秀英"), 6)
        XCTAssertEqual(TextWidth.of("a🙂"), 3)
    }

    func testWideCharactersTakeTwoCellsAndTheRowStaysAligned() {
        var buffer = ScreenBuffer(width: 12, height: 2)
        let end = buffer.put("王秀英|x", row: 0, column: 0)
        XCTAssertEqual(end, 8)
        buffer.put("Ọlọ́wọ̀|", row: 1, column: 0)
        XCTAssertEqual(buffer.text, "王秀英|x    \nỌlọ́wọ̀|      ")
        XCTAssertTrue(buffer[0, 1].continuation)
    }

    func testAWideCharacterThatWouldStraddleTheEdgeBecomesTheCutMark() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        buffer.put("abcd王", row: 0, column: 0)
        XCTAssertEqual(buffer.text, "abcd…", "never half a character; the cut is marked")
        buffer.put("abc", row: 0, column: 0, maxWidth: 2)
        XCTAssertEqual(buffer.text, "a…cd…", "text cut at maxWidth ends in …")
        XCTAssertEqual(buffer.cuts.count, 2)
    }

    func testOverwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("王王王", row: 0, column: 0)
        buffer.put("x", row: 0, column: 1)
        XCTAssertEqual(buffer.text, " x王王")
    }

    func testTruncateAddsAnEllipsisAndPadMeasuresColumns() {
        XCTAssertEqual(TextWidth.truncate("Nguyễn Thị Ánh", to: 8), "Nguyễn…", "no space before the mark")
        XCTAssertEqual(TextWidth.pad("王", to: 4), "王  ")
        XCTAssertEqual(TextWidth.truncate("short", to: 10), "short")
    }

    func testKeysFromTheTerminal() {
        XCTAssertEqual(NcursesTerminal.characterKey(13), .enter)
        XCTAssertEqual(NcursesTerminal.characterKey(27), .escape)
        XCTAssertEqual(NcursesTerminal.characterKey(12), .ctrl("l"))
        XCTAssertEqual(NcursesTerminal.characterKey(0x1EC5), .character("ễ"))
        XCTAssertEqual(Key.function(1).name, "F1")
        XCTAssertEqual(Key.ctrl("q").name, "Ctrl-Q")
    }

    func testAWordLongerThanALineIsBrokenAcrossLinesNotCut() {
        let path = "/tmp/pytest-of-root/pytest-99/test_a_cashier_takes_a_split_p0/exports/RCT-000001.txt"
        let lines = TextWidth.wrap("Wrote \(path)", to: 30)
        XCTAssertEqual(lines.first, "Wrote")
        XCTAssertTrue(lines.allSatisfy { TextWidth.of($0) <= 30 })
        XCTAssertEqual(lines.dropFirst().joined(), path)
        XCTAssertEqual(TextWidth.wrap("患者の名前はとても長い", to: 5), ["患者", "の名", "前は", "とて", "も長", "い"])
    }
}
