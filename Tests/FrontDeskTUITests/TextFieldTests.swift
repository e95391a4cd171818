// Editing inside a field: a receptionist fixes a typo in the middle without retyping the rest.
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class TextFieldTests: XCTestCase {
    private func typed(_ text: String, into field: inout TextField) {
        for c in text { _ = field.edit(.character(c)) }
    }

    func testArrowsMoveTheCursorAndTypingInsertsThere() {
        var field = TextField("Name", maxLength: 40)
        typed("Okfor", into: &field)
        _ = field.edit(.left); _ = field.edit(.left); _ = field.edit(.left)
        typed("a", into: &field)
        XCTAssertEqual(field.text, "Okafor")
        _ = field.edit(.home)
        _ = field.edit(.delete)
        typed("O", into: &field)
        XCTAssertEqual(field.text, "Okafor")
        _ = field.edit(.end)
        _ = field.edit(.backspace)
        XCTAssertEqual(field.text, "Okafo")
        XCTAssertEqual(field.cursor, 5)
    }

    func testTheLimitHoldsAndSettingTheTextPutsTheCursorAtItsEnd() {
        var field = TextField("Sex", maxLength: 3)
        typed("female", into: &field)
        XCTAssertEqual(field.text, "fem")
        _ = field.edit(.home)
        field.text = "M"
        XCTAssertEqual(field.cursor, 0, "the cursor stays at the start after a shorter text is set")
        _ = field.edit(.end)
        XCTAssertEqual(field.cursor, 1)
    }

    func testALongValueScrollsToKeepTheCursorVisible() {
        var field = TextField("Address", maxLength: 200)
        typed(String(repeating: "x", count: 50) + "END", into: &field)
        var buffer = ScreenBuffer(width: 40, height: 1)
        let column = field.draw(into: &buffer, row: 0, column: 0, labelWidth: 10, fieldWidth: 20)
        XCTAssertTrue(buffer.text.contains("END"), buffer.text)
        XCTAssertLessThanOrEqual(column, 30)
        _ = field.edit(.home)
        var start = ScreenBuffer(width: 40, height: 1)
        XCTAssertEqual(field.draw(into: &start, row: 0, column: 0, labelWidth: 10, fieldWidth: 20), 10)
        XCTAssertFalse(start.text.contains("END"))
    }

    func testAFullFieldRefusesMoreAndSaysSo() {
        var field = TextField("Name", maxLength: 100)
        typed(String(repeating: "x", count: 300), into: &field)
        XCTAssertEqual(field.text.count, 100)
        XCTAssertTrue(field.refusedAtLimit)
        XCTAssertEqual(field.limitNote, "at most 100 characters")
        _ = field.edit(.backspace)
        XCTAssertFalse(field.refusedAtLimit, "the note goes once the user edits")
    }

    func testCutTextEndsInAnEllipsisAndTableColumnsKeepTheirPlace() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.put("Abcdefghijklmnopqrstuvwxyz", row: 0, column: 0, maxWidth: 10)
        XCTAssertEqual(buffer.text, "Abcdefghi…          ")
        XCTAssertEqual(buffer.cuts.count, 1)
        let table = Table([Table.text(8), Table.number(10)])
        XCTAssertEqual(table.line(["Zyxwvutsrq", "1,234.50"]), "Zyxwvu…  1,234.50 ")
        XCTAssertEqual(TextWidth.shortened("Check-in, queue board, appointments.", to: 25), "Check-in, queue board…")
    }
}
