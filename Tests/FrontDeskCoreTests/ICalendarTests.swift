// iCalendar export: what strict RFC 5545 readers need (CRLF, folding, escaping, UTC) and a golden document.
import XCTest

@testable import FrontDeskCore

final class ICalendarTests: XCTestCase {
    /// 2026-11-23T06:30:00Z, 09:30 in Nairobi.
    private let morning = Date(timeIntervalSince1970: 1_795_415_400)

    private func document(_ events: [CalendarEvent], name: String = "OPD") -> String {
        ICalendar.document(events: events, calendarName: name, stamp: morning.addingTimeInterval(-86_400))
    }

    /// Physical lines as bytes, so that the tests see exactly what a reader gets.
    private func physicalLines(_ document: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        let bytes = Array(document.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                lines.append(current)
                current = []
                i += 2
            } else {
                current.append(bytes[i])
                i += 1
            }
        }
        XCTAssertTrue(current.isEmpty, "the document must end with CRLF")
        return lines
    }

    /// Logical lines, unfolded the way RFC 5545 §3.1 says a reader does.
    private func unfolded(_ document: String) -> [String] {
        String(decoding: Array(document.utf8), as: UTF8.self)
            .replacingOccurrences(of: "\r\n ", with: "")
            .components(separatedBy: "\r\n")
            .filter { !$0.isEmpty }
    }

    /// The reverse of TEXT escaping, as a reader applies it.
    private func unescaped(_ value: String) -> String {
        var out = ""
        var escaping = false
        for c in value {
            if escaping {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    private func property(_ name: String, in document: String) -> [String] {
        unfolded(document).filter { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    func testEveryLineEndsWithCRLF() {
        let doc = document([
            CalendarEvent(
                uid: "a@frontdesk", start: morning, end: morning + 900, summary: "Review\nfasting",
                description: "first line\r\nsecond line\rthird line")
        ])
        let bytes = Array(doc.utf8)
        XCTAssertEqual(Array(bytes.suffix(2)), [13, 10])
        for (i, byte) in bytes.enumerated() {
            if byte == 10 { XCTAssertEqual(bytes[i - 1], 13, "bare LF at byte \(i)") }
            if byte == 13 { XCTAssertEqual(bytes[i + 1], 10, "bare CR at byte \(i)") }
        }
        XCTAssertEqual(property("DESCRIPTION", in: doc), [#"first line\nsecond line\nthird line"#])
    }

    func testLongMultibyteSummaryFoldsAt75OctetsAndUnfoldsToTheSameText() throws {
        let summary = String(repeating: "Ндиема Wanjikũ 看診 🩺 👩🏾‍⚕️ ", count: 12)
        let doc = document([CalendarEvent(uid: "b@frontdesk", start: morning, end: morning + 900, summary: summary)])
        let lines = physicalLines(doc)
        XCTAssertGreaterThan(lines.filter { $0.first == 0x20 }.count, 5, "the summary should have been folded")
        for line in lines {
            XCTAssertLessThanOrEqual(line.count, 75)
            // A line that decodes on its own was not cut inside a UTF-8 sequence.
            XCTAssertNotNil(String(bytes: line, encoding: .utf8), "split UTF-8 in \(line)")
        }
        XCTAssertEqual(try XCTUnwrap(property("SUMMARY", in: doc).first), summary)
    }

    func testFoldingUsesTheWholeSeventyFiveOctets() {
        let summary = String(repeating: "x", count: 250)
        let lines = physicalLines(
            document([CalendarEvent(uid: "c@frontdesk", start: morning, end: morning + 900, summary: summary)]))
        let summaryLines = lines.drop { !$0.starts(with: Array("SUMMARY:".utf8)) }.prefix(4)
        // "SUMMARY:" and 67 x, then a space and 74 x twice, then a space and the last 35.
        XCTAssertEqual(summaryLines.map(\.count), [75, 75, 75, 36])
        XCTAssertEqual(summaryLines.dropFirst().map { $0.first }, [0x20, 0x20, 0x20])
    }

    func testTextValuesAreEscaped() throws {
        let summary = #"Otieno; review, labs\results"# + "\nbring card"
        let doc = document(
            [
                CalendarEvent(
                    uid: "d;1@frontdesk", start: morning, end: morning + 900, summary: summary,
                    location: "Wing B, room 3", cancelled: false)
            ], name: "OPD, Nairobi")
        XCTAssertEqual(property("SUMMARY", in: doc), [#"Otieno\; review\, labs\\results\nbring card"#])
        XCTAssertEqual(property("LOCATION", in: doc), [#"Wing B\, room 3"#])
        XCTAssertEqual(property("UID", in: doc), [#"d\;1@frontdesk"#])
        XCTAssertEqual(property("X-WR-CALNAME", in: doc), [#"OPD\, Nairobi"#])
        XCTAssertEqual(unescaped(try XCTUnwrap(property("SUMMARY", in: doc).first)), summary)
        // Control characters other than tab are not allowed in TEXT at all.
        XCTAssertEqual(ICalendar.text("a\u{07}b\tc"), "ab\tc")
    }

    func testTimesAreWrittenInUTC() throws {
        var nairobi = Calendar(identifier: .gregorian)
        nairobi.timeZone = try XCTUnwrap(TimeZone(identifier: "Africa/Nairobi"))
        let start = try XCTUnwrap(
            nairobi.date(from: DateComponents(year: 2026, month: 11, day: 23, hour: 9, minute: 30)))
        let doc = ICalendar.document(
            events: [CalendarEvent(uid: "e@frontdesk", start: start, end: start + 1_800.9, summary: "Clinic")],
            calendarName: "OPD", stamp: start.addingTimeInterval(-0.5))
        XCTAssertEqual(property("DTSTART", in: doc), ["20261123T063000Z"])
        XCTAssertEqual(property("DTEND", in: doc), ["20261123T070000Z"])
        XCTAssertEqual(property("DTSTAMP", in: doc), ["20261123T062959Z"])
    }

    func testAnEndNotAfterTheStartIsLeftOut() {
        let doc = document([CalendarEvent(uid: "f@frontdesk", start: morning, end: morning, summary: "Walk-in")])
        XCTAssertEqual(property("DTSTART", in: doc), ["20261123T063000Z"])
        XCTAssertEqual(property("DTEND", in: doc), [])
    }

    func testCancelledEventsSayCancelled() {
        let doc = document([
            CalendarEvent(uid: "g@frontdesk", start: morning, end: morning + 900, summary: "A", cancelled: true, sequence: 3),
            CalendarEvent(uid: "h@frontdesk", start: morning, end: morning + 900, summary: "B"),
        ])
        XCTAssertEqual(property("STATUS", in: doc), ["CANCELLED", "CONFIRMED"])
        XCTAssertEqual(property("SEQUENCE", in: doc), ["3", "0"])
    }

    func testGoldenTwoEventDocument() {
        let doc = ICalendar.document(
            events: [
                CalendarEvent(
                    uid: "appt-1@frontdesk", start: morning, end: morning + 900, summary: "Amina Njeri, follow-up",
                    description: "Bring lab results\nFasting", location: "OPD room 3"),
                CalendarEvent(
                    uid: "appt-2@frontdesk", start: morning + 3_600, end: morning + 5_400, summary: "Kamau; dressing",
                    cancelled: true, sequence: 2),
            ],
            calendarName: "Outpatients", stamp: Date(timeIntervalSince1970: 1_795_329_000))
        let expected = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//FrontDesk//Queue desk//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Outpatients",
            "BEGIN:VEVENT",
            "UID:appt-1@frontdesk",
            "DTSTAMP:20261122T063000Z",
            "DTSTART:20261123T063000Z",
            "DTEND:20261123T064500Z",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            #"SUMMARY:Amina Njeri\, follow-up"#,
            #"DESCRIPTION:Bring lab results\nFasting"#,
            "LOCATION:OPD room 3",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:appt-2@frontdesk",
            "DTSTAMP:20261122T063000Z",
            "DTSTART:20261123T073000Z",
            "DTEND:20261123T080000Z",
            "SEQUENCE:2",
            "STATUS:CANCELLED",
            #"SUMMARY:Kamau\; dressing"#,
            "END:VEVENT",
            "END:VCALENDAR",
        ].map { $0 + "\r\n" }.joined()
        XCTAssertEqual(doc, expected)
    }

    func testNoEventsIsStillACalendar() {
        XCTAssertEqual(
            document([]),
            [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//FrontDesk//Queue desk//EN", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH", "X-WR-CALNAME:OPD", "END:VCALENDAR",
            ].map { $0 + "\r\n" }.joined())
    }
}
