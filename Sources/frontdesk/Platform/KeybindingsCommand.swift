// `frontdesk keybindings` (hidden): docs/keybindings.md, generated from the keymaps.
import ArgumentParser
import FrontDeskApp

struct Keybindings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print docs/keybindings.md, generated from the keymaps.", shouldDisplay: false)
    func run() throws { print(KeybindingsDoc.markdown(), terminator: "") }
}
