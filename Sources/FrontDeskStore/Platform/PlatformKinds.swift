// Ledger kinds of the facility, staff accounts, codes, departments and settings: typed, no free strings.

/// What the ledger entries of the facility, staff accounts, codes, departments and settings record. Raw values are the ledger's `kind` column.
public enum PlatformKind: String, LedgerKind, CaseIterable {
    case facilityCreated = "facility.created"
    case userCreated = "user.created"
    case userDisabled = "user.disabled"
    case userPasswordReset = "user.password_reset"
    case codeAdded = "code.added"
    case departmentCreated = "department.created"
    case settingChanged = "setting.changed"

    public var meaning: String {
        switch self {
        case .facilityCreated: return "The facility was set up when its store was created."
        case .userCreated: return "A staff account was added (never its password)."
        case .userDisabled: return "A staff account was disabled, with the reason."
        case .userPasswordReset: return "An administrator reset a staff account's password (the new one is not ledgered)."
        case .codeAdded: return "A standard code (sex, relationship, …) was added to a code system."
        case .departmentCreated: return "A department or service line was added."
        case .settingChanged: return "A facility setting (idle lock, phone country code, MRN format, …) was set or changed."
        }
    }

    public var tables: [String] {
        switch self {
        case .facilityCreated: return ["facilities"]
        case .userCreated, .userDisabled, .userPasswordReset: return ["users"]
        case .codeAdded: return ["codes"]
        case .departmentCreated: return ["departments"]
        case .settingChanged: return ["settings"]
        }
    }
}
