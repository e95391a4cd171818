// Domain rules: check digits, days, validation, timestamps, identifiers, permissions.
import XCTest

@testable import FrontDeskCore

final class CheckDigitTests: XCTestCase {
    func testLuhnCatchesEverySingleDigitMistake() {
        let body = "0004521"
        let valid = body + String(LuhnCheckDigit.compute(body))
        XCTAssertTrue(LuhnCheckDigit.isValid(valid))
        var chars = Array(valid)
        for i in chars.indices {
            let original = chars[i]
            for d in "0123456789" where d != original {
                chars[i] = d
                XCTAssertFalse(LuhnCheckDigit.isValid(String(chars)), "missed \(String(chars))")
            }
            chars[i] = original
        }
    }
}

final class CalendarDayTests: XCTestCase {
    func testReadsOnlyRealDays() {
        XCTAssertEqual(CalendarDay("2024-02-29")?.description, "2024-02-29")
        XCTAssertNil(CalendarDay("2023-02-29"))
        XCTAssertNil(CalendarDay("2023-13-01"))
        XCTAssertNil(CalendarDay("2023-1-01"))
        XCTAssertNil(CalendarDay("abcd-01-01"))
    }

    func testAgeCountsBirthdays() {
        let dob = CalendarDay("2000-11-23")!
        XCTAssertEqual(dob.years(until: CalendarDay("2026-11-22")!), 25)
        XCTAssertEqual(dob.years(until: CalendarDay("2026-11-23")!), 26)
    }
}

final class ValidationTests: XCTestCase {
    func testUsernames() throws {
        XCTAssertEqual(try Validate.username("  Dr.Achieng "), "dr.achieng")
        XCTAssertThrowsError(try Validate.username("ab"))
        XCTAssertThrowsError(try Validate.username("1abc"))
        XCTAssertThrowsError(try Validate.username("amina okafor"))
    }

    func testPasswordsAreEightTo128Characters() throws {
        XCTAssertThrowsError(try Validate.password("short"))
        XCTAssertNoThrow(try Validate.password("exactly8"))
        XCTAssertNoThrow(try Validate.password(String(repeating: "é", count: 128)))
        XCTAssertThrowsError(try Validate.password(String(repeating: "x", count: 129)))
        XCTAssertThrowsError(try Validate.password("        "))
    }

    func testAPasswordWithTheReplacementCharacterIsRefused() {
        // U+FFFD is what bytes that were not UTF-8 become: such passwords would all be one password.
        XCTAssertThrowsError(try Validate.password("pass\u{FFFD}\u{FFFD}word123")) {
            XCTAssertTrue("\($0)".contains("not UTF-8"), "\($0)")
        }
    }

    func testNamesAreTrimmedFoldedAndBounded() throws {
        XCTAssertEqual(try Validate.name("  Nguyễn   Thị  Ánh ", field: "name"), "Nguyễn Thị Ánh")
        XCTAssertEqual(try Validate.name("محمد", field: "name"), "محمد")
        XCTAssertThrowsError(try Validate.name("   ", field: "name")) { error in
            XCTAssertEqual((error as? ValidationError)?.message, "is required")
        }
        XCTAssertThrowsError(try Validate.name(String(repeating: "a", count: 101), field: "name"))
        XCTAssertThrowsError(try Validate.name("a\u{07}b", field: "name"))
    }

    func testTimeZonesAndCurrencies() throws {
        XCTAssertEqual(try Validate.timeZone("Africa/Nairobi"), "Africa/Nairobi")
        XCTAssertThrowsError(try Validate.timeZone("Mars/Olympus"))
        XCTAssertEqual(try Validate.currency("kes"), Currency(code: "KES"))
        XCTAssertEqual(try Validate.currency("JPY").minorUnits, 0)
        XCTAssertEqual(try Validate.currency("KWD").minorUnits, 3)
        XCTAssertThrowsError(try Validate.currency("K3S"))
    }
}

final class TimestampTests: XCTestCase {
    func testRFC3339WithMillisecondsInUTC() {
        let date = Date(timeIntervalSince1970: 1_795_320_734.123)
        let text = Timestamp.string(date)
        XCTAssertEqual(text, "2026-11-22T04:12:14.123Z")
        XCTAssertEqual(Timestamp.date(text)!.timeIntervalSince1970, 1_795_320_734.123, accuracy: 0.0005)
    }

    func testIdentifiersAreLowercaseVersion7UUIDsInTimeOrder() {
        let ids = (0..<50).map { _ in Identifier.make() }
        for id in ids {
            XCTAssertNotNil(UUID(uuidString: id))
            XCTAssertEqual(id, id.lowercased())
            XCTAssertEqual(Array(id)[14], "7")
        }
        XCTAssertEqual(Set(ids).count, ids.count)
        let later = Identifier.make()
        Thread.sleep(forTimeInterval: 0.002)
        XCTAssertLessThan(later, Identifier.make())
    }

    /// Two charges made in the same millisecond must list in the order they were made (an invoice's lines
    /// sort by time, then id): ids made one after another always sort in that order.
    func testIdentifiersMadeInOneMillisecondSortInTheOrderMade() {
        let ids = (0..<20_000).map { _ in Identifier.make() }
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertEqual(Set(ids).count, ids.count)
        for id in ids.prefix(100) {
            XCTAssertEqual(Array(id)[14], "7", "version 7")
            XCTAssertTrue("89ab".contains(Array(id)[19]), "RFC 9562 variant")
        }
        // A counter that fills up moves to the next millisecond, never back.
        let full = Identifier.nextTick(now: 1, seed: 0x07ff)
        var tick = full
        for _ in 0..<5000 { tick = Identifier.nextTick(now: 1, seed: 0) }
        XCTAssertGreaterThan(tick.millis, full.millis)
    }
}

final class PermissionTests: XCTestCase {
    func testEachDeskRoleHasItsOwnPowers() {
        XCTAssertTrue(PermissionTable.allows(.admin, .manageUsers))
        XCTAssertFalse(PermissionTable.allows(.cashier, .manageUsers))
        XCTAssertTrue(PermissionTable.allows(.receptionist, .registerPatient))
        XCTAssertFalse(PermissionTable.allows(.cashier, .registerPatient))
        XCTAssertFalse(PermissionTable.allows(.cashier, .authorizeRefund))
        XCTAssertTrue(PermissionTable.allows(.supervisor, .authorizeRefund))
        XCTAssertTrue(PermissionTable.allows(.pharmacist, .dispense))
        XCTAssertFalse(PermissionTable.allows(.doctor, .takePayment))
    }
}
