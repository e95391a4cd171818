// docs/keybindings.md, generated from the keymaps (a test fails when the file is stale).

public enum KeybindingsDoc {
    /// The Markdown text of docs/keybindings.md.
    public static func markdown() -> String {
        var out = "# Key bindings\n\nGenerated from the keymaps in `Sources/FrontDeskTUI/Command.swift` by `frontdesk keybindings`; do not edit by hand.\n"
        for map in Keymaps.all {
            out += "\n## \(map.name)\n\n| key | command | what it does |\n|---|---|---|\n"
            for binding in map.bindings {
                let help = binding.command.help + (binding.command.destructive ? " Asks first." : "")
                out += "| \(binding.key.name) | \(binding.command.title) | \(help) |\n"
            }
        }
        return out
    }
}
