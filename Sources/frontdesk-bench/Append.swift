// `frontdesk-bench append`: one process's share of a concurrent-writers test.
import ArgumentParser
import Foundation
import FrontDeskDemo
import FrontDeskStore

struct Append: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register COUNT patients, one transaction each, as USER (password on standard input).")

    @Option var db: String
    @Option var user: String
    @Option var count: Int = 5000
    @Option(help: "Seed for the generated names.") var seed: UInt64 = 1

    func run() throws {
        guard let password = readLine(strippingNewline: true) else { throw ValidationError("password expected on stdin") }
        let store = try FacilityStore.open(at: db)
        let actor = try store.signIn(username: user, password: password)
        var generator = DemoPatientGenerator(seed: seed)
        for _ in 0..<count { try store.registerPatient(generator.next(), by: actor) }
        print("appended \(count)")
    }
}
