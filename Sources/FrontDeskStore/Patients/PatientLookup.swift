// One ranked patient lookup: identifier ranges and FTS5 name prefixes read newest-first, ranked in Swift.
import FrontDeskCore
import GRDB

/// One ranked lookup. Identifiers (MRN, phone, date of birth) are index ranges on
/// `patient_search`; names are FTS5 prefix queries read newest-first with a LIMIT, so no
/// query reads more than `candidateLimit` rows however common the name. Ranking is in Swift.
public struct PatientLookup {
    public static let defaultLimit = 50
    /// Rows read per key before ranking; more means "type more".
    static let candidateLimit = 200
    /// The longest prefix index: longer terms are looked up by their first 8 characters and checked here.
    static let longestPrefix = 8

    let settings: LookupSettings
    let limit: Int

    struct Card {
        let cardID: Int64
        let patientID: String
        let opens: String
        let terms: [Substring]
        let familyTerms: [Substring]
        let displayName: String
        let sex: String
        let dob: String?
        let dobEstimated: Bool
        let phone: String?
        let mrn: String
        let nationalID: String?
        let lastVisitAt: String?

        /// The columns `init(row:)` reads, by position: name lookups cost more than the query at this scale.
        static let columnNames = [
            "card_id", "patient_id", "opens_patient_id", "terms", "family_terms", "display_name", "sex", "dob",
            "dob_estimated", "phone", "mrn", "national_id", "last_visit_at",
        ]
        static let columns = columnNames.joined(separator: ", ")

        /// The same columns of `patient_search` under the alias `table`, for joins.
        static func columns(of table: String) -> String {
            columnNames.map { "\(table).\($0)" }.joined(separator: ", ")
        }

        init(row: Row) {
            cardID = row[0]
            patientID = row[1]
            opens = row[2]
            terms = (row[3] as String).split(separator: " ")
            familyTerms = (row[4] as String).split(separator: " ")
            displayName = row[5]
            sex = row[6]
            dob = row[7]
            dobEstimated = row[8]
            phone = row[9]
            mrn = row[10]
            nationalID = row[11]
            lastVisitAt = row[12]
        }
    }

    struct Candidate {
        var card: Card
        var matchedBy: PatientHit.MatchedBy
        var exact: Bool
    }

    func run(_ query: PatientQuery, db: Database) throws -> PatientSearchResult {
        var result = PatientSearchResult()
        guard !query.isEmpty else { return result }
        var found: [Int64: Candidate] = [:]
        func add(_ cards: [Card], _ by: PatientHit.MatchedBy, exact: (Card) -> Bool = { _ in false }) {
            for card in cards {
                let isExact = exact(card)
                if let seen = found[card.cardID], seen.exact || !isExact { continue }
                found[card.cardID] = Candidate(card: card, matchedBy: by, exact: isExact)
            }
        }
        var usedIdentifier = false
        // An identifier read hit its limit: more patients share it than were read.
        var overflow = false

        if let mrn = query.mrn {
            usedIdentifier = true
            add(try cards(db, "mrn_reversed = ? AND mrn = ?", [PatientSearchIndex.reversedDigits(mrn), mrn]), .mrn) { _ in true }
            if let national = nationalIDKey(mrn) { add(try cards(db, "national_id = ?", [national]), .nationalID) { _ in true } }
        }
        for run in query.digits {
            usedIdentifier = true
            if let short = MRNFormat.shortForm(run) {
                add(try shortFormCards(db, short), .mrn) { _ in true }
            }
            if let national = nationalIDKey(run) { add(try cards(db, "national_id = ?", [national]), .nationalID) { _ in true } }
            // A whole national number drops its trunk 0 ("0712 345 678"); a short tail keeps every digit.
            let significant = run.count >= 9 ? String(run.drop { $0 == "0" }) : run
            guard significant.count >= PatientQuery.minimumDigits else { continue }
            let fullPhone = try? PhoneNormalizer(countryCode: settings.countryCode ?? "").normalize(run)
            let phoneTail = try rangeCards(db, column: "phone_reversed", reversedPrefix: String(significant.reversed()))
            overflow = overflow || phoneTail.count >= Self.candidateLimit
            add(phoneTail, .phoneEnding)
            if let fullPhone, settings.countryCode != nil || run.hasPrefix("+") {
                add(phoneTail.filter { $0.phone == fullPhone }, .phone) { _ in true }
            }
            let mrnTail = try rangeCards(db, column: "mrn_reversed", reversedPrefix: String(run.reversed()))
            overflow = overflow || mrnTail.count >= Self.candidateLimit
            add(mrnTail, .mrnEnding)
        }
        if let day = query.dateOfBirth {
            usedIdentifier = true
            let born = try cards(db, "dob = ? ORDER BY card_id DESC LIMIT \(Self.candidateLimit)", [day.description])
            overflow = overflow || born.count >= Self.candidateLimit
            add(born, .dateOfBirth)
        }

        let terms = query.nameTerms
        // With a name as well, what the name leaves is all there is to show.
        result.truncated = overflow && terms.isEmpty
        if usedIdentifier {
            // Names narrow what the identifiers found ("a 4567", "okafor 12/04/1990").
            // A whole identifier stands on its own ("A7654321" is a passport number, not "a" + digits).
            if !terms.isEmpty { found = found.filter { $0.value.exact || Self.nameMatches($0.value.card, terms) } }
            // One birth date may be shared by thousands (01/01 for estimated ages): read the name's
            // candidates too and keep those born that day.
            if let day = query.dateOfBirth?.description, !terms.isEmpty, query.digits.isEmpty, query.mrn == nil {
                add(try nameCards(db, terms: terms, prefix: true).filter { $0.dob == day }, .dateOfBirth)
            }
        } else {
            let prefixCards = try nameCards(db, terms: terms, prefix: true)
            add(prefixCards, .name)
            if prefixCards.count >= Self.candidateLimit {
                // More matches than were read: make sure whole-word matches are among them.
                add(try nameCards(db, terms: terms, prefix: false), .name)
                result.truncated = true
            }
        }

        // An MRN typed without its check digit finds nothing of its own: offer the record it
        // would be, and say what is missing (never silently: the check digit is what catches a typo).
        var missingCheckDigit: String?
        if !found.values.contains(where: \.exact), let completed = try completedMRN(query, nothingFound: found.isEmpty, db: db) {
            add([completed.card], .mrn)
            missingCheckDigit = "\(completed.typed)? — the check digit is missing: \(completed.card.mrn) is listed below."
        }

        // Rank small keys, not the cards themselves; resolve merges only for the lines shown.
        let candidates = Array(found.values)
        let order = candidates.indices.map { (rank: Rank(candidates[$0], terms: terms), index: $0) }.sorted { $0.rank < $1.rank }
        var seen = Set<String>()
        for (_, index) in order {
            if result.hits.count > limit { break }
            let candidate = candidates[index]
            let (survivor, mergedMRN) = try shownCard(for: candidate.card, db: db)
            guard seen.insert(survivor.patientID).inserted else { continue }
            result.hits.append(PatientHit(
                patientID: survivor.patientID, displayName: survivor.displayName, sex: survivor.sex, dob: survivor.dob,
                dobEstimated: survivor.dobEstimated, mrn: survivor.mrn, phone: survivor.phone,
                lastVisitAt: survivor.lastVisitAt, matchedBy: candidate.matchedBy, exact: candidate.exact,
                foundByMergedMRN: mergedMRN))
        }
        if result.hits.count > limit {
            result.hits = Array(result.hits.prefix(limit))
            result.truncated = true
        }
        result.notice = missingCheckDigit ?? notice(for: query, result: result)
        return result
    }

    /// The card whose MRN is the typed one plus its check digit: `MR0003001` (prefix and
    /// digits) is looked up as `MR00030015`; a run of digits (`3001`) as that short form, but
    /// only when nothing else was found and it has `minimumDigits` (a phone's last digits win).
    private func completedMRN(_ query: PatientQuery, nothingFound: Bool, db: Database) throws -> (typed: String, card: Card)? {
        if let typed = query.mrn {
            let digits = String(typed.drop { $0.isLetter })
            if !digits.isEmpty, digits.allSatisfy(\.isNumber) {
                let whole = typed + String(LuhnCheckDigit.compute(digits))
                if let card = try cards(db, "mrn_reversed = ? AND mrn = ?", [PatientSearchIndex.reversedDigits(whole), whole]).first {
                    return (typed, card)
                }
            }
        }
        guard nothingFound else { return nil }
        for run in query.digits {
            let short = String(run.drop { $0 == "0" })
            guard short.count >= PatientQuery.minimumDigits, short.count < 20 else { continue }
            if let card = try shortFormCards(db, short + String(LuhnCheckDigit.compute(short))).first { return (run, card) }
        }
        return nil
    }
    private func notice(for query: PatientQuery, result: PatientSearchResult) -> String? {
        let longest = query.digits.map { $0.drop { $0 == "0" }.count }.max() ?? 0
        if result.hits.isEmpty, !query.digits.isEmpty, query.mrn == nil, longest < PatientQuery.minimumDigits {
            return "Type at least \(PatientQuery.minimumDigits) digits of a phone number or MRN."
        }
        if query.initial != nil, result.hits.count > 1, !result.hits.contains(where: \.exact) {
            return "\(result.hits.count) patients share this short key: check the name and date of birth."
        }
        if result.truncated { return "More matches than shown: type more of the name, or add a date of birth." }
        return nil
    }

    /// A national ID as stored (folded, letters and digits only), when `text` could be one.
    private func nationalIDKey(_ text: String) -> String? {
        let key = SearchText.fold(text).filter { $0.isLetter || $0.isNumber }
        return key.count >= 5 ? key : nil
    }

    // MARK: - Reading cards

    /// Cards matching `condition`. Every condition is a fixed string, so its statement is cached.
    private func cards(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> [Card] {
        let statement = try db.cachedStatement(sql: "SELECT \(Card.columns) FROM patient_search WHERE " + condition)
        var found: [Card] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { found.append(Card(row: row)) }
        return found
    }

    /// Cards whose MRN has the short form `short` (its digits after any prefix, year and leading
    /// zeros), whatever the format it was issued in.
    private func shortFormCards(_ db: Database, _ short: String) throws -> [Card] {
        let reversed = String(short.reversed())
        let forms = (0...12).map { reversed + String(repeating: "0", count: $0) }
        return try cards(db, "mrn_reversed IN (\(Array(repeating: "?", count: forms.count).joined(separator: ",")))",
                         StatementArguments(forms))
    }

    /// Cards whose reversed column starts with `reversedPrefix`: numbers ending in the typed digits.
    private func rangeCards(_ db: Database, column: String, reversedPrefix: String) throws -> [Card] {
        // Digits sort below ':', so [prefix, prefix + ':') is every string starting with prefix.
        try cards(db, "\(column) >= ? AND \(column) < ? LIMIT \(Self.candidateLimit)",
                  [reversedPrefix, reversedPrefix + ":"])
    }

    /// The newest cards whose name has every term (as a prefix, or whole): one FTS5 query read
    /// newest-first, stopping at `candidateLimit`.
    private func nameCards(_ db: Database, terms: [String], prefix: Bool) throws -> [Card] {
        guard !terms.isEmpty else { return [] }
        let match = terms.map { term in
            prefix ? "\"\(term.prefix(Self.longestPrefix))\"*" : "\"\(term)\""
        }.joined(separator: " ")
        let found = try cards(db, """
            card_id IN (SELECT rowid FROM patient_name_index WHERE patient_name_index MATCH ? ORDER BY rowid DESC LIMIT ?)
            """, [match, Self.candidateLimit])
        // Terms longer than the prefix indexes were looked up by their start: check them whole.
        return found.filter { Self.nameMatches($0, terms) }
    }

    /// Each typed term starts some word of the name.
    static func nameMatches(_ card: Card, _ terms: [String]) -> Bool {
        terms.allSatisfy { term in card.terms.contains { $0.hasPrefix(term) } }
    }

    /// The card a result line shows: the survivor's, with the merged MRN, when `card` was merged away.
    private func shownCard(for card: Card, db: Database) throws -> (Card, String?) {
        guard card.opens != card.patientID, let survivor = try cards(db, "patient_id = ?", [card.opens]).first else {
            return (card, nil)
        }
        return (survivor, card.mrn)
    }

    // MARK: - Ranking

    /// Whole identifiers first; then more whole-word name matches, a family-name match, the most
    /// recent visit, and the most recently registered. Computed once per candidate, then sorted.
    struct Rank: Comparable {
        let exact: Bool
        let wholeWords: Int
        let familyMatch: Bool
        let lastVisitAt: String
        let cardID: Int64

        init(_ candidate: Candidate, terms: [String]) {
            let card = candidate.card
            exact = candidate.exact
            wholeWords = terms.filter { term in card.terms.contains { $0 == term } }.count
            familyMatch = terms.contains { term in card.familyTerms.contains { $0 == term } }
            lastVisitAt = card.lastVisitAt ?? ""
            cardID = card.cardID
        }

        /// `a < b` when a ranks above b.
        static func < (a: Rank, b: Rank) -> Bool {
            if a.exact != b.exact { return a.exact }
            if a.wholeWords != b.wholeWords { return a.wholeWords > b.wholeWords }
            if a.familyMatch != b.familyMatch { return a.familyMatch }
            if a.lastVisitAt != b.lastVisitAt { return a.lastVisitAt > b.lastVisitAt }
            return a.cardID > b.cardID
        }
    }
}
