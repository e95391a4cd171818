// `frontdesk appointments`: book a slot, list a day's appointments, a doctor's day as .ics.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct AppointmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments", abstract: "Book appointments, list a day's, and write a doctor's day as iCalendar.",
        subcommands: [List.self, Book.self, Calendar.self])

    struct Book: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Book a slot (phone bookings, scripts): the same rules as the appointments screen.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "The patient's MRN.") var patient: String
        @Option(help: "Doctor: name, part of it, username or id.") var doctor: String
        @Option(help: "Day (YYYY-MM-DD).") var day: String
        @Option(help: "Slot start, e.g. 09:30.") var time: String
        @Option(help: "Why they are coming.") var reason: String?
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                guard let patientID = try opened.queue.patientID(mrn: patient) else { throw InputError(message: "no patient has MRN \(patient)") }
                guard let minute = LocalMoment.minute(time) else { throw InputError(message: "--time '\(Quote.excerpt(time))' is not a time like 09:30") }
                let found = try findDoctor(doctor, in: opened)
                let booked = try opened.queue.bookAppointment(NewAppointment(
                    patientID: patientID, doctorID: found.doctorID, day: try parseDay(day, option: "--day", store: opened),
                    startMinute: minute, visitReason: reason), by: try session.actor())
                print("Booked \(patient.uppercased()) with \(found.name) on \(booked.day) \(LocalMoment.clock(booked.startMinute))-\(LocalMoment.clock(booked.endMinute)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A day's appointments, by time.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Day (YYYY-MM-DD); today if left out.") var day: String?
        @Option(help: "Only this doctor: name, part of it, username or id.") var doctor: String?
        func run() throws {
            try store.reading { opened in
                let when = try parseDay(day, option: "--day", store: opened)
                let doctorID = try doctor.map { try findDoctor($0, in: opened).doctorID }
                for row in try opened.queue.appointments(on: when, doctorID: doctorID) {
                    let a = row.appointment
                    print("\(LocalMoment.clock(a.startMinute))-\(LocalMoment.clock(a.endMinute))  \(row.patientName) (\(row.mrn))  \(row.doctorName)  \(a.status.rawValue)")
                }
            }
        }
    }

    struct Calendar: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ics", abstract: "Write a doctor's day as an iCalendar (.ics) file.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Doctor: name, part of it, username or id.") var doctor: String
        @Option(help: "Day (YYYY-MM-DD); today if left out.") var day: String?
        @Option(name: .shortAndLong, help: "File to write (created 0600); standard output if left out.") var output: String?
        @Flag(help: "Replace the --output file if it exists (never the store, a link or a device).") var force = false
        func run() throws {
            try store.reading { opened in
                let found = try findDoctor(doctor, in: opened)
                let text = try opened.queue.doctorDayCalendar(doctorID: found.doctorID, day: try parseDay(day, option: "--day", store: opened))
                guard let output else { FileHandle.standardOutput.write(Data(text.utf8)); return }
                do { try OutputFile(output, force: force, protecting: [opened.path]).write(text) } catch let error as OutputFileError {
                    throw InputError(message: error.description)
                }
                print("Wrote \(output).")
            }
        }
    }
}
