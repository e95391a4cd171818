// `frontdesk services|doctors|schedule|leave|holidays`: setting up what patients book and queue for.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

/// Finds a doctor by id, exact name, or a unique part of the name.
func findDoctor(_ text: String, in store: FacilityStore) throws -> Doctor {
    try store.doctor(matching: text)
}

/// A YYYY-MM-DD option, or today in the facility's time zone.
func parseDay(_ text: String?, option: String, store: FacilityStore) throws -> CalendarDay {
    guard let text else { return try store.localNow().day }
    guard let day = CalendarDay(text) else { throw InputError(message: "\(option) '\(Quote.excerpt(text))' is not a YYYY-MM-DD date") }
    return day
}

/// A --from/--to pair: --from is today if left out, --to is --from; --from after --to is refused.
func parseDayRange(from: String?, to: String?, store: FacilityStore) throws -> (first: CalendarDay, last: CalendarDay) {
    let first = try parseDay(from, option: "--from", store: store)
    let last = try to.map { try parseDay($0, option: "--to", store: store) } ?? first
    guard first <= last else {
        throw InputError(message: "--from \(first) is after --to \(last); nothing was read. Give the earlier day as --from.")
    }
    return (first, last)
}

struct ServicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services", abstract: "The service lines patients queue for.", subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every active service.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try reportingErrors {
                let services = try store.openForReading().services()
                if services.isEmpty { print("No services. Add one with `frontdesk services add CODE NAME`."); return }
                for s in services {
                    print("\(s.code.padding(toLength: 7, withPad: " ", startingAt: 0)) \(s.name)" + (s.feeCode.map { "  (fee \($0))" } ?? ""))
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a service; its code (2-6 letters) starts every token, e.g. CARD-014.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Fee schedule code charged at check-in (the consultation fee).") var fee: String?
        @Option(help: "Department code it belongs to.") var department: String?
        @Argument(help: "Token prefix, 2-6 letters.") var code: String
        @Argument(help: "Name shown on boards.") var name: String
        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                let s = try opened.addService(code: code, name: name, feeCode: fee, departmentCode: department, by: try acting.signIn(opened))
                print("Service \(s.code) \(s.name) added.")
            }
        }
    }
}

struct DoctorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctors", abstract: "Doctors who can be booked, and their weekly schedules.",
        subcommands: [List.self, Add.self, Rename.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every active doctor with their sessions.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try reportingErrors {
                let opened = try store.openForReading()
                let services = Dictionary(uniqueKeysWithValues: try opened.services().map { ($0.serviceID, $0.code) })
                for d in try opened.doctors() {
                    print("\(d.name) (\(services[d.serviceID] ?? "?"))" + (d.room.map { ", room \($0)" } ?? "")
                        + "  --doctor \(try opened.doctorKey(d))")
                    for s in try opened.sessions(doctorID: d.doctorID) {
                        print("  \(CalendarDay.weekdayNames[s.weekday - 1]) \(LocalMoment.clock(s.startMinute))-\(LocalMoment.clock(s.endMinute)), "
                            + "\(s.slotMinutes)-minute slots × \(s.capacity), from \(s.validFrom)" + (s.validTo.map { " to \($0)" } ?? ""))
                    }
                    for l in try opened.leave(doctorID: d.doctorID) { print("  leave \(l.firstDay) to \(l.lastDay): \(l.reason)") }
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a doctor to a service.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Service code.") var service: String
        @Option(help: "Consulting room patients are called to.") var room: String?
        @Option(help: "Their FrontDesk username, if they have one.") var user: String?
        @Argument(help: "Name, e.g. \"Dr Achieng Otieno\".") var name: String
        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                let d = try opened.addDoctor(name: name, serviceCode: service, room: room, username: user, by: try acting.signIn(opened))
                print("\(d.name) added to \(service.uppercased()).")
            }
        }
    }
}

extension DoctorsCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a doctor's name (no two active doctors share one).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Doctor: name, part of it, username or id.") var doctor: String
        @Argument(help: "The new name.") var name: String
        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                let found = try findDoctor(doctor, in: opened)
                let renamed = try opened.renameDoctor(found.doctorID, to: name, by: try acting.signIn(opened))
                print("\(found.name) is now \(renamed.name).")
            }
        }
    }
}

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Add a weekly session to a doctor's schedule.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser
    @Option(help: "Doctor: name, part of it, username or id.") var doctor: String
    @Option(help: "Weekdays: Mon,Tue,… or Mon-Fri.") var days: String
    @Option(help: "Start, e.g. 08:00.") var start: String
    @Option(help: "End, e.g. 12:00.") var end: String
    @Option(help: "Slot length in minutes.") var slot: Int = 15
    @Option(help: "Patients per slot.") var capacity: Int = 1
    @Option(help: "First day the session applies (YYYY-MM-DD); today if left out.") var validFrom: String?

    func run() throws {
        try reportingErrors {
            let opened = try store.open()
            let actor = try acting.signIn(opened)
            let found = try findDoctor(doctor, in: opened)
            guard let from = LocalMoment.minute(start), let to = LocalMoment.minute(end) else {
                throw InputError(message: "--start and --end are times like 08:00")
            }
            let weekdays = try Self.weekdays(days)
            let first = try parseDay(validFrom, option: "--valid-from", store: opened)
            for weekday in weekdays {
                try opened.addSession(doctorID: found.doctorID, NewSession(
                    weekday: weekday, startMinute: from, endMinute: to == 0 ? 1440 : to, slotMinutes: slot, capacity: capacity,
                    validFrom: first), by: actor)
            }
            print("\(found.name): \(weekdays.map { CalendarDay.weekdayNames[$0 - 1] }.joined(separator: ", ")) \(start)-\(end), \(slot)-minute slots × \(capacity).")
        }
    }

    static func weekdays(_ text: String) throws -> [Int] {
        func index(_ name: Substring) throws -> Int {
            guard let i = CalendarDay.weekdayNames.firstIndex(where: { $0.lowercased() == name.prefix(3).lowercased() }) else {
                throw InputError(message: "'\(Quote.excerpt(String(name)))' is not a weekday (Mon … Sun)")
            }
            return i + 1
        }
        var days: [Int] = []
        for part in text.split(separator: ",") {
            let range = part.split(separator: "-")
            if range.count == 2 {
                let a = try index(range[0]), b = try index(range[1])
                guard a <= b else { throw InputError(message: "'\(Quote.excerpt(String(part)))' runs backwards") }
                days += Array(a...b)
            } else {
                days.append(try index(part))
            }
        }
        return days
    }
}

struct LeaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leave", abstract: "Record a doctor's leave (no bookings in it).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser
    @Option(help: "Doctor: name, part of it, username or id.") var doctor: String
    @Option(help: "First day away (YYYY-MM-DD).") var from: String
    @Option(help: "Last day away (YYYY-MM-DD).") var to: String
    @Option(help: "Why (shown to reception when booking).") var reason: String

    func run() throws {
        try reportingErrors {
            let opened = try store.open()
            let found = try findDoctor(doctor, in: opened)
            let (first, last) = try parseDayRange(from: from, to: to, store: opened)
            try opened.addLeave(doctorID: found.doctorID, from: first, to: last, reason: reason, by: try acting.signIn(opened))
            print("\(found.name) is on leave from \(from) to \(to).")
        }
    }
}

struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays", abstract: "Days the clinics are closed.", subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every holiday.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try reportingErrors { for h in try store.openForReading().holidays() { print("\(h.day)  \(h.name)") } }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the clinics on a day.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "YYYY-MM-DD.") var day: String
        @Argument(help: "Name, e.g. \"Jamhuri Day\".") var name: String
        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                try opened.addHoliday(try parseDay(day, option: "day", store: opened), name: name, by: try acting.signIn(opened))
                print("\(day) is a holiday: \(name).")
            }
        }
    }
}
