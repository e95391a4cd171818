// Helpers the registration tests share: a minimal new patient, a record by id, a refusal that writes nothing.
import FrontDeskCore
import XCTest

@testable import FrontDeskStore

extension PatientDeskTestCase {
    func minimal(_ first: String = "Amina", _ last: String = "Okafor", dob: String? = "1990-04-12") -> NewPatient {
        NewPatient(firstName: first, lastName: last, sex: "female", dob: dob)
    }

    func assertRefused(_ new: NewPatient, _ expected: ValidationError, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try counts()
        XCTAssertThrowsError(try store.registerPatient(new, by: clerk), file: file, line: line) { error in
            XCTAssertEqual(error as? StoreError, .invalid(expected), file: file, line: line)
        }
        XCTAssertEqual(try counts(), before, "nothing written", file: file, line: line)
    }

    func record(_ id: String) throws -> PatientRecord {
        try XCTUnwrap(store.patientRecord(id))
    }
}
