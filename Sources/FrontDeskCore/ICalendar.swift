// RFC 5545 export of appointments, written by hand because no iCalendar library is in this environment's package mirror.
import Foundation

/// One appointment as a calendar client sees it.
public struct CalendarEvent: Sendable, Equatable {
    public var uid: String
    public var start: Date
    public var end: Date
    public var summary: String
    public var description: String?
    public var location: String?
    public var cancelled: Bool
    public var sequence: Int

    public init(
        uid: String, start: Date, end: Date, summary: String, description: String? = nil, location: String? = nil,
        cancelled: Bool = false, sequence: Int = 0
    ) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
        self.cancelled = cancelled
        self.sequence = sequence
    }
}

public enum ICalendar {
    /// A VCALENDAR with one VEVENT per event: CRLF line ends, lines folded at 75 octets (never splitting a UTF-8 character), TEXT values escaped (backslash, semicolon, comma, newline), times in UTC (`20261123T063000Z`), DTSTAMP = stamp, STATUS:CONFIRMED or CANCELLED, PRODID "-//FrontDesk//Queue desk//EN", VERSION 2.0, CALSCALE GREGORIAN, METHOD PUBLISH, X-WR-CALNAME = calendarName.
    public static func document(events: [CalendarEvent], calendarName: String, stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//FrontDesk//Queue desk//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text(calendarName),
        ]
        let dtstamp = utc(stamp)
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + text(event.uid))
            lines.append("DTSTAMP:" + dtstamp)
            lines.append("DTSTART:" + utc(event.start))
            // RFC 5545 requires DTEND to be later than DTSTART; without it the event is a point in time, which is
            // the honest reading of an appointment whose end was not set after its start.
            if wholeSeconds(event.end) > wholeSeconds(event.start) {
                lines.append("DTEND:" + utc(event.end))
            }
            // SEQUENCE is a non-negative revision count; clients ignore updates whose sequence goes backwards.
            lines.append("SEQUENCE:\(max(0, event.sequence))")
            lines.append("STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("SUMMARY:" + text(event.summary))
            if let description = event.description, !description.isEmpty {
                lines.append("DESCRIPTION:" + text(description))
            }
            if let location = event.location, !location.isEmpty {
                lines.append("LOCATION:" + text(location))
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map { fold($0) + "\r\n" }.joined()
    }

    /// A TEXT value escaped per RFC 5545 §3.3.11.
    static func text(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in value.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out.append(contentsOf: #"\\"#.unicodeScalars)
            case ";": out.append(contentsOf: #"\;"#.unicodeScalars)
            case ",": out.append(contentsOf: #"\,"#.unicodeScalars)
            // CRLF, CR and LF are all one line break to the person who typed them.
            case "\r": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\n": if !afterCR { out.append(contentsOf: #"\n"#.unicodeScalars) }
            case "\t": out.append(scalar)
            // Other ASCII controls are not allowed in TEXT and make strict readers reject the whole file.
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// `line` folded so that no physical line exceeds 75 octets, breaking only between Unicode scalars so that
    /// each physical line stays valid UTF-8 for readers that do not unfold before decoding.
    static func fold(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > 75 {
                out.append(contentsOf: "\r\n ".unicodeScalars)
                octets = 1  // the leading space of a continuation line counts toward its 75
            }
            out.append(scalar)
            octets += width
        }
        return String(out)
    }

    /// `20261123T063000Z`. Fractions of a second are dropped, as iCalendar times have none.
    static func utc(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: wholeSeconds(date)))
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2)
            + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    private static func wholeSeconds(_ date: Date) -> TimeInterval {
        date.timeIntervalSince1970.rounded(.down)
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
