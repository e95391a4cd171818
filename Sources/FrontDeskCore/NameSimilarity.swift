// Whether two people's names are close enough to raise "possible duplicate" at registration.

/// Names compare folded (Nguyen = Nguyễn), a family name may carry one typo (two in long names),
/// the given names need the same first letter, and first and family names may be swapped.
public enum NameSimilarity {
    public static func isSimilar(first a1: String, last a2: String, first b1: String, last b2: String) -> Bool {
        let (af, al, bf, bl) = (SearchText.fold(a1), SearchText.fold(a2), SearchText.fold(b1), SearchText.fold(b2))
        return pairMatches(first: af, last: al, otherFirst: bf, otherLast: bl)
            || pairMatches(first: af, last: al, otherFirst: bl, otherLast: bf)
    }

    private static func pairMatches(first: String, last: String, otherFirst: String, otherLast: String) -> Bool {
        closeWords(compact(last), compact(otherLast)) && sameInitial(first, otherFirst)
    }

    private static func compact(_ s: String) -> String { s.filter { $0.isLetter || $0.isNumber } }

    private static func sameInitial(_ a: String, _ b: String) -> Bool {
        guard let x = compact(a).first, let y = compact(b).first else { return false }
        return x == y
    }

    /// Equal, or within one edit (two for words of eight letters or more).
    static func closeWords(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let shorter = min(a.count, b.count)
        guard shorter >= 4 else { return false }
        let allowed = shorter >= 8 ? 2 : 1
        guard abs(a.count - b.count) <= allowed else { return false }
        return editDistance(Array(a), Array(b), atMost: allowed) <= allowed
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int {
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMin = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return rowMin }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return a.isEmpty ? b.count : (b.isEmpty ? a.count : previous[b.count])
    }
}
