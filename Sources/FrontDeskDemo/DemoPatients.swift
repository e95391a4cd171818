// Generates plausible demo patients: names by culture, ages, phones.
import Foundation
import FrontDeskStore

/// Makes `NewPatient` values from a seed; the same seed gives the same people.
public struct DemoPatientGenerator {
    private var random: SeededRandom
    private let totalWeight: Int
    private let referenceYear: Int

    public init(seed: UInt64, referenceYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) {
        random = SeededRandom(seed: seed)
        totalWeight = DemoNames.pools.reduce(0) { $0 + $1.weight }
        self.referenceYear = referenceYear
    }

    public mutating func next() -> NewPatient {
        var pick = Int.random(in: 0..<totalWeight, using: &random)
        var pool = DemoNames.pools[0]
        for candidate in DemoNames.pools {
            if pick < candidate.weight { pool = candidate; break }
            pick -= candidate.weight
        }
        let female = Bool.random(using: &random)
        let given = (female ? pool.female : pool.male).randomElement(using: &random)!
        let family = pool.family.randomElement(using: &random)!
        // Ages skew young, as in most outpatient departments.
        let age = min(Int.random(in: 0...95, using: &random), Int.random(in: 0...95, using: &random) + 5)
        let month = Int.random(in: 1...12, using: &random)
        let day = Int.random(in: 1...28, using: &random)
        let dob = String(format: "%04d-%02d-%02d", referenceYear - 1 - age, month, day)
        let hasPhone = Int.random(in: 0..<10, using: &random) < 8
        let phone = hasPhone ? "+2547" + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &random)) : nil
        return NewPatient(firstName: given, lastName: family, sex: female ? "female" : "male", dob: dob,
                          dobEstimated: age > 80 && Bool.random(using: &random), phone: phone)
    }
}
