// `frontdesk ledger export`: the ledger as JSON lines, exactly as the push protocol sends it.
import ArgumentParser
import Foundation
import FrontDeskLedger
import FrontDeskStore

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Read the facility's ledger.", subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print ledger entries as JSON lines (canonical JSON, with hash), for anyone to check.")
        @OptionGroup var store: StoreOptions
        @Option(help: "First seq to print.") var from: Int64 = 1

        func run() throws {
            try store.reading { opened in
                var buffer = Data()
                buffer.reserveCapacity(1 << 16)
                try opened.forEachLedgerEntry(from: max(from, 1)) { entry, _ in
                    buffer.append(contentsOf: try CanonicalJSON.bytes(entry.wireObject))
                    buffer.append(UInt8(ascii: "\n"))
                    if buffer.count > 1 << 16 {
                        FileHandle.standardOutput.write(buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                FileHandle.standardOutput.write(buffer)
            }
        }
    }
}
