// Bed labels as an admin types them: ranges, lists, and the slips refused with a reason.
import XCTest

@testable import FrontDeskCore

final class BedLabelsTests: XCTestCase {
    func testRangesAndLists() throws {
        XCTAssertEqual(try BedLabels.expand("A1-A3"), ["A1", "A2", "A3"])
        XCTAssertEqual(try BedLabels.expand("a8-10"), ["A8", "A9", "A10"])
        XCTAssertEqual(try BedLabels.expand("ICU1, ICU2,HDU-1"), ["ICU1", "ICU2", "HDU-1"])
        XCTAssertEqual(try BedLabels.expand("7-9"), ["7", "8", "9"])
    }

    func testSlipsAreRefusedWithAReason() {
        func message(_ text: String) -> String {
            do { _ = try BedLabels.expand(text); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertTrue(message("A5-A1").contains("runs backwards"))
        XCTAssertTrue(message("A1-B3").contains("mixes two prefixes"), message("A1-B3"))
        XCTAssertTrue(message("A1,A1").contains("A1 is given twice"))
        XCTAssertTrue(message("A1-A500").contains("at most 200"))
        XCTAssertTrue(message("").contains("give the bed labels"))
        XCTAssertTrue(message("BED 1").contains("not a bed label"))
    }
}
