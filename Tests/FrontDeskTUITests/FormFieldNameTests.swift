// Forms read their fields by name: each name (the store's validation field name) is one field's only.
import FrontDeskCore
import FrontDeskStore
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk

final class FormFieldNameTests: ShellTestCase {
    func testEveryFieldOfAPatientFormHasItsOwnName() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        shell.context.session = SessionInfo(actor: admin)
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let id = try store.registerPatient(NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"),
                                           by: clerk).patientID
        let record = try XCTUnwrap(store.patientRecord(id))
        let forms: [FormScreen] = [
            PatientForm.register(prefill: "", context: shell.context), PatientForm.edit(record),
            DetailForms.contact(patientID: id), DetailForms.allergy(patientID: id),
            DetailForms.policy(record: record, today: shell.context.today, minorUnits: 2), DetailForms.merge(into: record, duplicate: record),
        ]
        for form in forms {
            let names = form.fields.map(\.name)
            XCTAssertEqual(Set(names).count, names.count, "\(form.title): two fields share a name in \(names)")
            let values = FormValues(form.fields)
            for (index, name) in names.enumerated() { XCTAssertEqual(values[name], values.all[index]) }
        }
    }
}
