// The rules every desk's keymaps keep, checked over the one list of desks through the shell's real
// filter and dispatch: no key bound twice on a screen, no command shown or run without its
// permission, no destructive command without a question first, no desk left out of the list.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell

/// A screen with a given keymap that records the commands it receives.
final class RecordingScreen: Screen {
    let title: String
    let keymap: Keymap
    let isModal: Bool
    private(set) var received: [Command?] = []

    init(_ keymap: Keymap, isModal: Bool = false) {
        title = keymap.name
        self.keymap = keymap
        self.isModal = isModal
    }

    func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {}

    func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        received.append(command)
        return .redraw
    }

    func confirmation(for command: Command, context: ShellContext) -> ConfirmQuestion { .ask("\(command.title) now?") }

    /// Commands that cannot act on what this screen shows now.
    var unavailable: Set<String> = []
    func isAvailable(_ command: Command, context: ShellContext) -> Bool { !unavailable.contains(command.id) }
}

final class KeymapRulesTests: ShellTestCase {
    /// Keymaps of modal screens: the global keys do not apply there.
    static let modal: Set<String> = [Keymaps.login.name, Keymaps.lock.name]

    func testEveryDeskIsRegisteredOnceOrMarkedUnbuilt() {
        let registered = DeskList.all.map(\.desk)
        XCTAssertEqual(Set(registered).count, registered.count, "a desk is registered twice")
        for desk in Desk.allCases {
            let isRegistered = registered.contains(desk), isUnbuilt = DeskList.unbuilt.contains(desk)
            XCTAssertTrue(isRegistered != isUnbuilt,
                          "Desk.\(desk) must be either in DeskList.all or in DeskList.unbuilt (exactly one)")
        }
    }

    func testNoKeyIsBoundTwiceOnOneScreen() {
        let maps = DeskList.keymaps
        XCTAssertGreaterThan(maps.count, 15)
        XCTAssertEqual(Set(maps.map(\.name)).count, maps.count, "two screens share a keymap name: \(maps.map(\.name))")
        // A screen may show a global key in its own footer (Home's desk keys), bound to the same command.
        let globalKeys = Set(Keymaps.global.bindings.map(\.key))
        let globalCommands = Dictionary(Keymaps.global.bindings.map { ($0.key, $0.command) }, uniquingKeysWith: { a, _ in a })
        for map in maps {
            var seen = Set<Key>()
            for binding in map.bindings {
                XCTAssertTrue(seen.insert(binding.key).inserted, "\(map.name): \(binding.key.name) is bound twice")
                if map.name != Keymaps.global.name, !Self.modal.contains(map.name) {
                    XCTAssertFalse(globalKeys.contains(binding.key) && globalCommands[binding.key] != binding.command,
                                   "\(map.name): \(binding.key.name) is also a global key (\(binding.command.title))")
                }
            }
        }
    }

    func testEveryCommandThatNeedsAPermissionIsHiddenFromEveryRoleWithoutIt() throws {
        var hiddenSomewhere = 0, shownSomewhere = 0
        for role in Self.roles {
            let name = "\(role.rawValue)1"
            if role != .admin { try addUser(name, role, password: "pass-\(name)") }
            signIn(role == .admin ? "admin" : name, role == .admin ? "admin-pass-1" : "pass-\(name)")
            XCTAssertEqual(shell.context.session?.actor.role, role)
            for map in DeskList.keymaps where map.name != Keymaps.global.name {
                let screen = RecordingScreen(map, isModal: Self.modal.contains(map.name))
                shell.show(screen)
                let visible = shell.visibleKeymaps(of: screen)
                let footer = shell.render(width: 200, height: 24).text.split(separator: "\n").last.map(String.init) ?? ""
                let help = HelpOverlay(for: screen, keymaps: visible).lines
                for binding in map.bindings + (screen.isModal ? [] : Keymaps.global.bindings) {
                    let command = binding.command
                    let allowed = command.permission.map { PermissionTable.allows(role, $0) } ?? true
                    let where_ = "\(role) on \(map.name): \(binding.key.name) \(command.title)"
                    let inVisible = visible.contains { $0.bindings.contains(binding) }
                    XCTAssertEqual(inVisible, allowed, "\(where_): filter")
                    if !allowed {
                        hiddenSomewhere += 1
                        XCTAssertFalse(footer.contains("\(binding.key.name) \(command.title) "), "\(where_): shown in the footer")
                        XCTAssertFalse(help.contains { $0.key == binding.key.name && $0.title == command.title },
                                       "\(where_): shown in F1 help")
                        shell.press(binding.key)
                        XCTAssertFalse(screen.received.contains(command), "\(where_): ran without the permission")
                        shell.show(screen)
                    } else if command.permission != nil {
                        shownSomewhere += 1
                    }
                }
            }
            shell.show(RecordingScreen(Keymaps.desk))
            shell.press(.function(10))
            shell.press(.character("y"))
            XCTAssertNil(shell.context.session)
        }
        // The check checked something: each kind of outcome happened many times.
        XCTAssertGreaterThan(hiddenSomewhere, 100)
        XCTAssertGreaterThan(shownSomewhere, 50)
    }

    func testACommandThatCannotActNowIsLeftOutOfFooterHelpAndDispatch() throws {
        signIn("admin", "admin-pass-1")
        let map = try XCTUnwrap(DeskList.keymaps.first { map in
            !Self.modal.contains(map.name) && map.bindings.contains { $0.inFooter && $0.command.permission == nil }
        })
        let screen = RecordingScreen(map)
        let binding = try XCTUnwrap(map.bindings.first { $0.inFooter && $0.command.permission == nil })
        shell.show(screen)
        let footerBefore = shell.render(width: 200, height: 24).text.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(footerBefore.contains("\(binding.key.name) \(binding.command.title)"), footerBefore)

        screen.unavailable = [binding.command.id]
        let footer = shell.render(width: 200, height: 24).text.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertFalse(footer.contains("\(binding.key.name) \(binding.command.title)"), footer)
        let help = HelpOverlay(for: screen, keymaps: shell.visibleKeymaps(of: screen)).lines
        XCTAssertFalse(help.contains { $0.key == binding.key.name && $0.title == binding.command.title })
        shell.press(binding.key)
        XCTAssertFalse(screen.received.contains(binding.command), "an unavailable command reached the screen")
    }

    func testEveryDestructiveCommandConfirmsFirst() throws {
        try addUser("sup1", .supervisor, password: "pass-sup1")
        signIn("sup1", "pass-sup1")
        var askedByShell = 0, askedByForm = 0
        for map in DeskList.keymaps {
            for binding in map.bindings where binding.command.destructive {
                let command = binding.command
                switch command.confirmedBy {
                case .form:
                    // The command opens a confirming form of its own; the shell hands it over unasked.
                    XCTAssertNotEqual(map.name, Keymaps.global.name, "\(command.title): a global command has no form")
                    askedByForm += 1
                case .shell:
                    guard command.isAllowed(for: .supervisor) else { continue }
                    let screen = RecordingScreen(map.name == Keymaps.global.name ? Keymaps.desk : map,
                                                 isModal: Self.modal.contains(map.name))
                    shell.show(screen)
                    shell.press(binding.key)
                    XCTAssertTrue(shell.top is ConfirmScreen, "\(map.name): \(command.title) did not ask first")
                    XCTAssertFalse(screen.received.contains(command), "\(map.name): \(command.title) ran before the answer")
                    shell.press(.character("n"))
                    XCTAssertFalse(screen.received.contains(command), "\(map.name): \(command.title) ran after no")
                    if map.name != Keymaps.global.name, !Self.modal.contains(map.name) {
                        // Yes: the confirm screen goes and the screen that asked gets the command.
                        shell.press(binding.key)
                        shell.press(.character("y"))
                        XCTAssertTrue(shell.top === screen, "\(map.name): \(command.title): back to the screen after yes")
                        XCTAssertEqual(screen.received.last ?? nil, command, "\(map.name): \(command.title) did not run after yes")
                    }
                    askedByShell += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(askedByShell, 3)
        XCTAssertGreaterThanOrEqual(askedByForm, 8)
    }
}
