// `frontdesk audit`: who viewed or changed a patient's record, and what a user did.
import ArgumentParser
import FrontDeskStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read the audit trail (administrators and supervisors).",
        subcommands: [Patient.self, User.self])

    struct Patient: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everyone who viewed or changed a patient's record, and what changed, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The patient's MRN.") var mrn: String

        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let audit = try opened.auditPatient(mrn: mrn, by: try session.actor())
                print("Audit trail of \(audit.mrn): \(audit.changes.count) change(s), \(audit.accesses.count) view(s)")
                var lines: [(at: String, order: Int64, text: String)] = []
                for change in audit.changes {
                    let who = change.actorID.flatMap { audit.usernames[$0] } ?? "system"
                    lines.append((change.occurredAt, change.seq, AuditText.change(change, who: who)))
                }
                for access in audit.accesses {
                    lines.append((access.at, 0, AuditText.access(access)))
                }
                for line in lines.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) { print(line.text) }
            }
        }
    }

    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a user did: changes, patient records opened, sign-ins and lockouts, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The username.") var username: String

        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let audit = try opened.auditUser(username: username, by: try session.actor())
                print("Audit trail of \(audit.user.username) (\(audit.user.displayName), \(audit.user.role.title)): "
                    + "\(audit.changes.count) change(s), \(audit.accesses.count) record(s) opened, "
                    + "\(audit.securityEvents.count) security event(s)")
                var lines: [(at: String, text: String)] = []
                for change in audit.changes { lines.append((change.occurredAt, AuditText.change(change, who: audit.user.username))) }
                for access in audit.accesses { lines.append((access.at, AuditText.access(access))) }
                for event in audit.securityEvents {
                    lines.append((event.at, "\(AuditText.time(event.at))  \(audit.user.username)  \(event.event)"
                        + (event.detail.map { "  \($0)" } ?? "")))
                }
                // A stable sort keeps each source's own order within one millisecond.
                for line in lines.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }) {
                    print(line.element.text)
                }
            }
        }
    }
}

/// One line per event of an audit trail.
enum AuditText {
    /// `2026-12-03T08:15:02.120Z` → `2026-12-03 08:15:02Z`.
    static func time(_ stamp: String) -> String {
        String(stamp.prefix(19)).replacingOccurrences(of: "T", with: " ") + "Z"
    }

    static func change(_ change: RecordChange, who: String) -> String {
        let what = change.columns.map { column -> String in
            guard let before = column.before else { return "\(column.name)=\(short(column.after))" }
            return "\(column.name): \(short(before)) → \(short(column.after))"
        }.joined(separator: "; ")
        return "\(time(change.occurredAt))  \(who)  \(change.kind)  \(change.table) \(change.recordID.prefix(8))  "
            + (change.created ? "created " : "") + what + "  [seq \(change.seq)]"
    }

    static func access(_ access: PatientAccess) -> String {
        "\(time(access.at))  \(access.username)  viewed  \(access.screen) at the \(access.desk) desk"
            + (access.terminal.map { " (terminal \($0))" } ?? "")
    }

    private static func short(_ value: String) -> String {
        value.count > 40 ? String(value.prefix(39)) + "…" : value
    }
}
