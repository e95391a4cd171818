// Terminals that show the queue board as a wallboard while locked: a setting row per terminal (no schema change).
import Foundation
import FrontDeskCore

/// What a wallboard terminal shows when it locks.
public enum WallboardMode: String, Sendable, CaseIterable {
    /// The board with patients' names (a room only staff see).
    case names
    /// The board with tokens only: names stay hidden, as on any locked terminal.
    case tokens
}

extension QueueStore {
    private static func wallboardKey(_ terminal: String) -> String { "queue_wallboard:" + terminal }

    /// The terminal's wallboard mode; nil when it locks as every terminal does.
    public func wallboard(terminal: String) throws -> WallboardMode? {
        try store.setting(Self.wallboardKey(terminal)).flatMap(WallboardMode.init(rawValue:))
    }

    /// Makes a terminal a wallboard (or, with nil, an ordinary terminal again). Administrators only.
    public func setWallboard(terminal: String, _ mode: WallboardMode?, by actor: Actor) throws {
        // Taken as typed (a name is matched exactly when the terminal opens), so nothing is trimmed.
        let name = terminal
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100 else {
            throw StoreError.invalid(ValidationError("terminal", "give the terminal's name (1 to 100 characters): its `frontdesk open --terminal` name or its tty"))
        }
        do { try TextRules.check(name, field: "terminal") } catch let e as ValidationError { throw StoreError.invalid(e) }
        try store.setSettings([Self.wallboardKey(name): mode?.rawValue ?? "off"], by: actor)
    }
}
