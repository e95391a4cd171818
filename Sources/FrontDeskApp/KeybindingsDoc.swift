// docs/keybindings.md, generated from the keymaps (a test fails when the file is stale).
import FrontDeskShell

public enum KeybindingsDoc {
    /// The Markdown text of docs/keybindings.md.
    public static func markdown() -> String {
        var out = "# Key bindings\n\nGenerated from the keymaps (the shell's in `Sources/FrontDeskShell/ShellCommands.swift`, each desk's in "
            + "its module's `*Commands.swift`) by `frontdesk keybindings`; do not edit by hand. A key whose command needs a "
            + "permission is shown only to roles that have it.\n"
        for map in DeskList.keymaps {
            out += "\n## \(map.name)\n\n| key | command | needs | what it does |\n|---|---|---|---|\n"
            for binding in map.bindings {
                let help = binding.command.help + (binding.command.destructive ? " Asks first." : "")
                out += "| \(binding.key.name) | \(binding.command.title) | \(binding.command.permission?.rawValue ?? "") | \(help) |\n"
            }
        }
        return out
    }
}
