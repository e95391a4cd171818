// Sends a receipt, Z-report or label to the facility's print command, or to a text file beside the store.
import Foundation
import FrontDeskCore
import FrontDeskStore

package enum ReceiptPrinter {
    /// Prints (or saves) a receipt; every print after the first that reached the printer or a file says
    /// COPY. A print that failed is not counted, so the original is still to come.
    package static func output(_ paymentID: String, toFile: Bool, context: ShellContext) -> (text: String, isError: Bool) {
        guard let actor = context.session?.actor else { return ("Not signed in.", true) }
        do {
            let isCopy = try context.store.cashier.receipt(paymentID).payment.prints > 0
            let document = try context.store.cashier.receiptDocument(paymentID, isCopy: isCopy)
            let outcome = try send(document, name: document.number + (isCopy ? "-copy" : ""), toFile: toFile, context: context)
            // Recorded as what it was: the printer, or the file it was written to; a failure is not recorded at all.
            if !outcome.isError { _ = try context.store.cashier.recordPrint(of: paymentID, toFile: outcome.path, by: actor) }
            return (outcome.text, outcome.isError)
        } catch {
            return ("\(error)", true)
        }
    }

    package static func outputZReport(_ report: ShiftReport, toFile: Bool, context: ShellContext) -> (text: String, isError: Bool) {
        do {
            let document = try context.store.cashier.zReportDocument(report)
            let outcome = try send(document, name: "z-report-shift-\(report.shift.number)", toFile: toFile, context: context)
            return (outcome.text, outcome.isError)
        } catch {
            return ("\(error)", true)
        }
    }

    /// What happened, and the file's path when it was written to one.
    private static func send(_ document: ReceiptDocument, name: String, toFile: Bool, context: ShellContext) throws
        -> (text: String, isError: Bool, path: String?)
    {
        let printer = try context.store.cashier.receiptPrinter()
        let text = ReceiptText.render(document, width: printer.width)
        return try send(text: text, what: document.number + (document.isCopy ? " (COPY)" : ""), name: name, toFile: toFile, context: context)
    }

    /// Sends plain text (a pharmacy label) to the facility's print command, or writes it to a file beside the
    /// store; `what` names it in the notice. Returns what happened, and the file's path when it went to one.
    package static func send(text: String, what: String, name: String, toFile: Bool, context: ShellContext) throws
        -> (text: String, isError: Bool, path: String?)
    {
        let printer = try context.store.cashier.receiptPrinter()
        if toFile {
            let path = try ExportFolder.write(text, base: name, ext: "txt", context: context)
            return ("Wrote \(path)", false, path)
        }
        // The command reads the text on its standard input, as lp does; its failure is shown, not hidden.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", printer.command]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        // A command that exits without reading (no printer) closes the pipe: that is a failed print, not a crash.
        let written: Bool
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
            written = true
        } catch {
            written = false
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard written, process.terminationStatus == 0 else {
            let detail = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return ("Printing failed (\(printer.command)): \(detail.isEmpty ? "exit \(process.terminationStatus)" : detail). w writes it to a file.", true, nil)
        }
        return ("Sent \(what) to \(printer.command).", false, nil)
    }
}
