// A list's selection follows its row, not its place, when another terminal changes the list.
import FrontDeskCore
import FrontDeskStore
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell

final class LiveRefreshSelectionTests: ShellTestCase {
    func testTheSelectedFeeStaysSelectedWhenAnotherTerminalAddsOneAboveIt() throws {
        signIn("admin", "admin-pass-1")
        let admin = try XCTUnwrap(shell.context.session?.actor)
        try store.setFee(code: "LAB-FBC", name: "Full blood count", amountMinor: 80_000, from: CalendarDay("2026-01-01")!, by: admin)
        try store.setFee(code: "USS-ABDOMEN", name: "Abdominal ultrasound", amountMinor: 150_000, from: CalendarDay("2026-01-01")!, by: admin)
        shell.press(.function(11))
        shell.press(.down)
        // Another terminal sets a rate whose code sorts first: every row moves down one place.
        try store.setFee(code: "CONS-GEN", name: "General consultation", amountMinor: 50_000, from: CalendarDay("2026-01-01")!, by: admin)
        shell.dataChanged()
        shell.press(.enter)
        XCTAssertTrue(shell.top is FormScreen)
        let form = screen()
        XCTAssertTrue(form.contains("USS-ABDOMEN"), "the rate form should start from the fee that was selected:\n\(form)")
        XCTAssertFalse(form.contains("LAB-FBC"))
    }

    func testAListKeepsItsRowByIDAndStaysInPlaceWhenTheRowIsGone() {
        var list = ListState<String> { $0 }
        list.refresh(["a", "b", "c"])
        XCTAssertTrue(list.move(by: Commands.moveDown))
        XCTAssertEqual(list.selectedRow, "b")
        list.refresh(["0", "a", "b", "c"])
        XCTAssertEqual(list.selectedRow, "b")
        list.refresh(["0", "a", "c"])
        XCTAssertEqual(list.selected, 2)
        list.refresh(["0"])
        XCTAssertEqual(list.selected, 0)
        XCTAssertFalse(list.move(by: Commands.open))
    }
}
