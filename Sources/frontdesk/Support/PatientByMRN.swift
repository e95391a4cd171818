// `--patient MRN`: the option every desk's commands name a patient by.
import ArgumentParser
import FrontDeskStore

struct PatientByMRN: ParsableArguments {
    @Option(name: .customLong("patient"), help: "The patient's MRN.") var mrn: String

    /// The option group for an MRN given some other way (an optional option).
    static func named(_ mrn: String) -> PatientByMRN {
        var group = PatientByMRN()
        group.mrn = mrn
        return group
    }

    func id(in store: FacilityStore) throws -> String {
        guard let patientID = try store.queue.patientID(mrn: mrn) else { throw InputError(message: "no patient has MRN \(mrn)") }
        return patientID
    }
}
