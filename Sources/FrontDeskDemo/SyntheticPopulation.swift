// A seeded synthetic population for benchmarks: many cultures, names with realistic (Zipf) frequencies.
import Foundation
import FrontDeskStore

/// Makes patients whose names follow the skew of real registers: a few family names carry a
/// large share (as Kamau, Nguyễn or Patel do) over a long tail of rare ones. The common names
/// are the demo pools' real names; the tail is built from each culture's syllables.
public struct SyntheticPopulation {
    struct Culture {
        let weight: Int
        let family: ZipfPicker
        let female: ZipfPicker
        let male: ZipfPicker
        let middleNameShare: Int  // percent with a middle name
    }

    private var random: SeededRandom
    private let cultures: [Culture]
    private let totalWeight: Int
    private let referenceYear: Int

    public init(seed: UInt64, referenceYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) {
        var builder = SeededRandom(seed: seed ^ 0xA5A5_5A5A)
        let syllables: [String: [String]] = [
            "Kenyan": ["ka", "ma", "wa", "ngu", "ki", "mu", "nje", "ri", "to", "ro", "che", "o", "ti", "e", "no", "ya", "ge", "re"],
            "Yoruba and Igbo": ["a", "dé", "yẹ", "mí", "o", "lú", "wa", "ṣe", "gun", "ba", "kọ", "chi", "nwa", "e", "ze", "ọ", "kwu", "nna"],
            "Vietnamese": ["ng", "uy", "ễn", "tr", "ần", "ph", "ạm", "h", "oà", "ng", "vũ", "đ", "ặng", "b", "ùi", "d", "ương"],
            "Arabic": ["ab", "dul", "la", "hi", "mo", "ha", "med", "al", "sa", "id", "far", "ah", "hus", "sein", "os", "man", "ra", "shid"],
            "Chinese": ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo"],
            "South Asian": ["pa", "tel", "sha", "rma", "si", "ngh", "ku", "mar", "gu", "pta", "me", "hta", "ra", "ja", "de", "vi", "ka", "nt"],
            "European": ["mül", "ler", "gar", "cía", "ko", "wal", "ski", "du", "bois", "smi", "th", "bro", "wn", "pe", "ña", "öz", "il", "sen"],
            "East African Swahili": ["mwa", "ka", "se", "ge", "mu", "shi", "ma", "ssa", "we", "ki", "ro", "lyi", "mo", "swa", "i", "mre", "ba"],
        ]
        func tail(_ head: [String], _ parts: [String], count: Int) -> [String] {
            var names = head
            var seen = Set(head)
            while names.count < count {
                let length = Int.random(in: 2...3, using: &builder)
                let word = (0..<length).map { _ in parts.randomElement(using: &builder)! }.joined()
                let name = word.prefix(1).uppercased() + word.dropFirst()
                if seen.insert(name).inserted { names.append(name) }
            }
            return names
        }
        cultures = DemoNames.pools.map { pool in
            let parts = syllables[pool.culture] ?? syllables["Kenyan"]!
            return Culture(
                weight: pool.weight,
                family: ZipfPicker(tail(pool.family, parts, count: 3000)),
                female: ZipfPicker(tail(pool.female, parts, count: 600)),
                male: ZipfPicker(tail(pool.male, parts, count: 600)),
                middleNameShare: pool.culture == "Vietnamese" ? 0 : 30)
        }
        totalWeight = cultures.reduce(0) { $0 + $1.weight }
        random = SeededRandom(seed: seed)
        self.referenceYear = referenceYear
    }

    public mutating func next() -> NewPatient {
        var pick = Int.random(in: 0..<totalWeight, using: &random)
        var culture = cultures[0]
        for candidate in cultures {
            if pick < candidate.weight { culture = candidate; break }
            pick -= candidate.weight
        }
        let female = Bool.random(using: &random)
        let given = female ? culture.female : culture.male
        let first = given.pick(&random)
        let middle = Int.random(in: 0..<100, using: &random) < culture.middleNameShare ? given.pick(&random) : nil
        let family = culture.family.pick(&random)
        let age = min(Int.random(in: 0...95, using: &random), Int.random(in: 0...95, using: &random) + 5)
        let dob = String(format: "%04d-%02d-%02d", referenceYear - 1 - age, Int.random(in: 1...12, using: &random),
                         Int.random(in: 1...28, using: &random))
        let phone = Int.random(in: 0..<10, using: &random) < 8
            ? "+2547" + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &random)) : nil
        return NewPatient(firstName: first, middleName: middle == first ? nil : middle, lastName: family,
                          sex: female ? "female" : "male", dob: dob, dobEstimated: age > 80, phone: phone)
    }
}

/// Picks from a list by rank with Zipf weights (the k-th name is 1/k as common as the first).
struct ZipfPicker {
    let names: [String]
    private let cumulative: [Double]

    init(_ names: [String]) {
        self.names = names
        var total = 0.0
        cumulative = names.indices.map { rank in
            total += 1.0 / Double(rank + 1)
            return total
        }
    }

    func pick(_ random: inout SeededRandom) -> String {
        let target = Double.random(in: 0..<cumulative.last!, using: &random)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return names[low]
    }
}
