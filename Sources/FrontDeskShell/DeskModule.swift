// What a desk declares to the shell, in one type: desks meet only through these declarations.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

/// One desk, declared in one place. The app module lists the desks; the shell asks them for
/// their first screen, their keymaps, what they offer on a patient and what they add to the
/// patient summary and the home screen. A desk never imports another desk.
public protocol DeskModule {
    /// The desk's case (its title, summary, function key and the permission that opens it).
    var desk: Desk { get }
    /// Every keymap of the desk's screens: for F1 help, docs/keybindings.md and the keymap rules test.
    var keymaps: [Keymap] { get }
    /// The screen the home screen opens for this desk.
    func firstScreen(context: ShellContext) -> any Screen
    /// What the desk offers on a patient's summary (check in, book, edit, …), in footer order.
    var patientActions: [PatientAction] { get }
    /// What the desk offers on the lookup's typed text (register a new patient).
    var lookupActions: [LookupAction] { get }
    /// The desk's sections of one patient's summary (made fresh for each summary screen).
    func patientSections() -> [any PatientSection]
    /// The desk's lines under "Facility today" on the home screen of a user of `role` (a desk may keep its
    /// alerts for the role that acts on them).
    func homeLines(store: FacilityStore, role: Role?) -> [(String, String)]
    /// What a merge of two patients moves for this desk, as the merge form says it ("open
    /// charges"); the desk's merge step in the store (`PatientMergeStep`) does the moving.
    var mergeMoves: [String] { get }
    /// What this terminal shows when it locks, instead of the plain lock screen (a queue
    /// wallboard); nil for the plain one. Any key then asks for the password as usual.
    func lockedView(context: ShellContext) -> (any Screen)?
    /// Called once a minute by every running terminal, for work that falls due with time rather than a key
    /// (the beds desk posts the bed-days of a charge instant whose grace has passed). It must be idempotent:
    /// every terminal calls it.
    func minutePassed(context: ShellContext)
    /// The desk's set-up screens, opened by a key on the home screen (administrators: wards and beds).
    var setUpScreens: [SetUpScreen] { get }
}

/// A desk's set-up screen and the home screen's key that opens it (its command names the permission).
public struct SetUpScreen {
    public let binding: Binding
    public let make: (ShellContext) -> any Screen

    public init(_ binding: Binding, make: @escaping (ShellContext) -> any Screen) {
        self.binding = binding
        self.make = make
    }
}

extension DeskModule {
    public var title: String { desk.title }
    public var permission: Permission { desk.permission }
    public var patientActions: [PatientAction] { [] }
    public var lookupActions: [LookupAction] { [] }
    public func patientSections() -> [any PatientSection] { [] }
    public func homeLines(store: FacilityStore, role: Role?) -> [(String, String)] { [] }
    public var mergeMoves: [String] { [] }
    public func lockedView(context: ShellContext) -> (any Screen)? { nil }
    public func minutePassed(context: ShellContext) {}
    public var setUpScreens: [SetUpScreen] { [] }
}

/// What an action on the patient summary gets: the record, the selected detail line, and a
/// way to show a notice on the summary.
public struct PatientActionInput {
    public let record: PatientRecord
    public let context: ShellContext
    /// The selected contact, allergy or policy line, if any.
    public let selectedDetail: (key: PatientDetailKey, text: String)?
    /// Shows a notice (or, when `isError`, an error) on the summary.
    public let notify: (_ text: String, _ isError: Bool) -> Void
}

/// A key on the patient summary and what it does. Destructive actions without a form of their
/// own give `question`: the shell asks it before `run` (nil: nothing to act on, the key does nothing).
public struct PatientAction {
    public let binding: Binding
    public let question: ((PatientActionInput) -> String?)?
    /// Whether the action fits this patient now (admit: not already admitted); nil: always. An action that
    /// does not fit is left out of the footer and F1, like one the role may not use.
    public let available: ((PatientActionInput) -> Bool)?
    public let run: (PatientActionInput) -> Reaction

    public init(_ binding: Binding, question: ((PatientActionInput) -> String?)? = nil,
                available: ((PatientActionInput) -> Bool)? = nil, run: @escaping (PatientActionInput) -> Reaction) {
        self.binding = binding
        self.question = question
        self.available = available
        self.run = run
    }
}

/// A key on the patient lookup that acts on the typed text (Ctrl-N registers a new patient).
public struct LookupAction {
    public let binding: Binding
    /// Said under the box when nothing is found ("Ctrl-N registers a new one.").
    public let hintWhenNothingFound: String?
    public let run: (_ typed: String, _ context: ShellContext) -> Reaction

    public init(_ binding: Binding, hintWhenNothingFound: String? = nil,
                run: @escaping (_ typed: String, _ context: ShellContext) -> Reaction) {
        self.binding = binding
        self.hintWhenNothingFound = hintWhenNothingFound
        self.run = run
    }
}

/// One line a desk adds to the bottom of the patient summary.
public struct SummaryLine {
    public let text: String
    public let style: Style
    /// Drawn in the blank line above the desk lines (the next appointment) rather than in turn.
    public let inGapAbove: Bool

    public init(_ text: String, style: Style = .normal, inGapAbove: Bool = false) {
        self.text = text
        self.style = style
        self.inGapAbove = inGapAbove
    }
}

/// A desk's part of one patient's summary: it loads with the summary and draws a few lines.
public protocol PatientSection: AnyObject {
    /// Loads what the lines show (on open and whenever the store changes).
    func reload(patientID: String, context: ShellContext) throws
    /// The lines, in order.
    func lines(context: ShellContext) -> [SummaryLine]
}
