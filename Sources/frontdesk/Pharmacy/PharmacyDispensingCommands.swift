// `frontdesk pharmacy prescribe|prescriptions|dispense|return`: prescriptions from paper, dispensing with labels, returns.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

extension PharmacyCommand {
    struct Prescribe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter a prescription from paper: --line \"CODE;DOSE;FREQUENCY;DAYS[;QUANTITY]\" for each line.",
            discussion: "FREQUENCY is OD, BD, TDS, QDS, q6h, q8h, nocte, PRN, stat… The quantity is dose × times a day × days unless given (PRN needs it). A line whose item meets a recorded allergy is refused unless --acknowledge-allergy.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @OptionGroup var patient: PatientByMRN
        @Option(help: "Who wrote it.") var prescriber: String
        @Option(name: .customLong("written-on"), help: "The day on the paper (YYYY-MM-DD); today if left out.") var writtenOn: String?
        @Option(name: .customLong("line"), help: "CODE;DOSE;FREQUENCY;DAYS[;QUANTITY]") var lines: [String]
        @Flag(name: .customLong("acknowledge-allergy"), help: "You saw the allergy warning and go on.") var acknowledge = false
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let parsed = try lines.enumerated().map { index, text -> PrescriptionLineInput in
                    let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard (4...5).contains(parts.count) else { throw InputError(message: "--line \(index + 1) '\(Quote.excerpt(text))' is not CODE;DOSE;FREQUENCY;DAYS[;QUANTITY]") }
                    guard parts[3].isEmpty || Int(parts[3]) != nil else { throw InputError(message: "--line \(index + 1): days '\(parts[3])' is not a number") }
                    guard parts.count == 4 || parts[4].isEmpty || Int(parts[4]) != nil else {
                        throw InputError(message: "--line \(index + 1): quantity '\(parts[4])' is not a number")
                    }
                    return PrescriptionLineInput(itemCode: parts[0], dose: parts[1], frequency: parts[2], durationDays: Int(parts[3]),
                                                 quantity: parts.count == 5 ? Int(parts[4]) : nil, acknowledgeAllergy: acknowledge)
                }
                let written = try writtenOn.map { try parseDay($0, option: "--written-on", store: opened) }
                let rx = try opened.pharmacy.writePrescription(PrescriptionInput(patientID: try patient.id(in: opened), prescriber: prescriber,
                                                                                 writtenOn: written, lines: parsed), by: try session.actor())
                let detail = try opened.pharmacy.prescription(rx.rxID)
                print("Prescription \(rx.number) for \(detail.patientName) (\(detail.mrn)):")
                for line in detail.lines { print("  \(line.line.lineNo). \(line.item.code) \(line.line.quantity) \(line.item.unit)(s)") }
            }
        }
    }

    struct Prescriptions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prescriptions with something still owed (of one patient with --patient), oldest first.")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("patient"), help: "Only this patient's (MRN), all of them.") var mrn: String?
        func run() throws {
            try store.reading { opened in
                let list: [PrescriptionSummary]
                if let mrn {
                    list = try opened.pharmacy.prescriptions(patientID: try PatientByMRN.named(mrn).id(in: opened))
                } else {
                    list = try opened.pharmacy.openPrescriptions()
                }
                if list.isEmpty { print(mrn == nil ? "No prescription is waiting." : "No prescriptions."); return }
                for rx in list {
                    print("\(String(rx.prescription.number).padding(toLength: 6, withPad: " ", startingAt: 0)) \(rx.prescription.writtenOn) "
                          + "\(rx.patientName) (\(rx.mrn)): \(rx.owedLines) of \(rx.lines) line(s) owed, \(rx.prescription.status.rawValue)")
                }
            }
        }
    }

    struct Dispense: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dispense a prescription by its number: every owed line in full, or --line N=QUANTITY for some.",
            discussion: "Batches are first expiry first, split when one is not enough; --batch N=BATCH takes line N from that batch instead (with --reason). Each part posts its charge for the cashier. --label FILE writes the labels (42 columns) to FILE.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The prescription's number.") var number: Int64
        @Option(name: .customLong("line"), help: "N=QUANTITY: dispense this much of line N.") var lines: [String] = []
        @Option(name: .customLong("batch"), help: "N=BATCH: line N from this batch, not first expiry first.") var batches: [String] = []
        @Option(help: "Why another batch than the first to expire.") var reason: String?
        @Flag(name: .customLong("acknowledge-allergy"), help: "You saw the allergy warning and go on.") var acknowledge = false
        @Option(help: "Write the labels to this file.") var label: String?

        static func pairs(_ values: [String], option: String) throws -> [Int: String] {
            try Dictionary(values.map { text in
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let n = Int(parts[0]) else { throw InputError(message: "\(option) '\(Quote.excerpt(text))' is not N=VALUE") }
                return (n, parts[1])
            }, uniquingKeysWith: { $1 })
        }

        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let detail = try opened.pharmacy.prescription(number: number)
                let quantities = try Self.pairs(lines, option: "--line")
                let chosen = try Self.pairs(batches, option: "--batch")
                var requests: [DispenseLineRequest] = []
                for status in detail.lines where status.owed > 0 && (quantities.isEmpty || quantities[status.line.lineNo] != nil) {
                    guard let quantity = quantities[status.line.lineNo].map({ Int($0) }) ?? status.owed else {
                        throw InputError(message: "--line \(status.line.lineNo)= needs a whole number")
                    }
                    let batchID = try chosen[status.line.lineNo].map { try PharmacyCommand.batch($0, of: status.item, in: opened).batchID }
                    requests.append(DispenseLineRequest(lineID: status.line.lineID, quantity: quantity, batchID: batchID,
                                                        overrideReason: reason, acknowledgeAllergy: acknowledge))
                }
                for n in quantities.keys where !detail.lines.contains(where: { $0.line.lineNo == n && $0.owed > 0 }) {
                    throw InputError(message: "prescription \(number) has no line \(n) with anything owed")
                }
                guard !requests.isEmpty else { throw InputError(message: "prescription \(number) owes nothing") }
                let result = try opened.pharmacy.dispense(detail.prescription.rxID, lines: requests, by: try session.actor())
                let currency = try opened.cashier.currency()
                for line in result.lines {
                    let from = line.picks.map { "\($0.quantity) from \($0.batchNo) (exp \($0.expiry))" }.joined(separator: ", ")
                    print("\(line.lineNo). \(line.item.code): \(from)" + (line.chargedMinor.map { "; charged \(currency.format($0))" } ?? "; no price, not charged")
                          + (line.owedAfter > 0 ? "; \(line.owedAfter) still owed" : ""))
                }
                if let label {
                    let text = try opened.pharmacy.labels(for: result).map(\.text).joined(separator: "\n")
                    do { try OutputFile(label, force: true, protecting: [opened.path]).write(text) } catch let error as OutputFileError {
                        throw InputError(message: "dispensed, but the labels were not written: \(error.description)")
                    }
                    print("Labels written to \(label).")
                }
            }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take back dispensed medicine: it goes back into its batch and its charge is reversed.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The prescription's number.") var number: Int64
        @Option(help: "The line brought back.") var line: Int
        @Option(help: "How many units.") var quantity: Int
        @Option(help: "Why it came back.") var reason: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let detail = try opened.pharmacy.prescription(number: number)
                guard let status = detail.lines.first(where: { $0.line.lineNo == line }) else {
                    throw InputError(message: "prescription \(number) has no line \(line)")
                }
                // Latest dispense first: what was given last comes back first.
                var left = quantity
                let given = try opened.pharmacy.dispenses(rxID: detail.prescription.rxID).filter { $0.dispense.lineID == status.line.lineID }
                let kept = given.reduce(0) { $0 + $1.dispense.quantity - $1.returned }
                guard quantity >= 1, quantity <= kept else { throw InputError(message: "--quantity must be 1 to \(kept) (what line \(line) has out)") }
                let actor = try session.actor()
                for part in given where left > 0 && part.dispense.quantity > part.returned {
                    let take = min(left, part.dispense.quantity - part.returned)
                    try opened.pharmacy.returnDispensed(part.dispense.dispenseID, quantity: take, reason: reason, by: actor)
                    left -= take
                }
                print("\(quantity) \(status.item.unit)(s) of \(status.item.code) taken back into stock; the charge is reversed.")
            }
        }
    }
}
