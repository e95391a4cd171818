// Does a medicine's name meet one of a patient's recorded allergies? Words and a few drug classes.

/// Matches allergy text (as registration recorded it) against a medicine's generic and brand names.
/// A match is a warning the pharmacist acknowledges, so it errs towards warning: any word of the
/// allergy of 4 letters or more found in a name, or a class the allergy names that the medicine is in.
public enum AllergyMatch {
    /// Drug classes patients name as allergies, with the stems of the medicines in them.
    static let classes: [String: [String]] = [
        "penicillin": ["penicillin", "amoxi", "ampicillin", "cloxacillin", "flucloxacillin", "piperacillin", "augmentin"],
        "sulfa": ["sulfa", "sulpha", "co-trimoxazole", "cotrimoxazole", "septrin", "bactrim"],
        "sulpha": ["sulfa", "sulpha", "co-trimoxazole", "cotrimoxazole", "septrin", "bactrim"],
        "nsaid": ["ibuprofen", "diclofenac", "naproxen", "aspirin", "indometacin", "mefenamic", "ketorolac", "piroxicam"],
        "aspirin": ["aspirin", "acetylsalicylic"],
        "cephalosporin": ["cef", "ceph"],
        "quinolone": ["floxacin"],
        "opioid": ["morphine", "codeine", "tramadol", "pethidine", "fentanyl", "oxycodone"],
    ]

    /// The first of `allergies` that `names` (the item's generic and brand names) meet, if any.
    public static func firstMatch(allergies: [String], names: [String]) -> String? {
        let haystack = names.map { $0.lowercased() }.joined(separator: " ")
        return allergies.first { allergy in
            let words = allergy.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
            for word in words {
                if let stems = classes[word] ?? classes[String(word.dropLast())], stems.contains(where: haystack.contains) { return true }
                if word.count >= 4, haystack.contains(word) { return true }
            }
            // The other way round: "amoxicillin 500mg" recorded as the allergy, item "Amoxicillin".
            return names.contains { name in
                name.lowercased().split(separator: " ").contains { $0.count >= 4 && allergy.lowercased().contains($0) }
            }
        }
    }
}
