// Colours by meaning, in one table, with a monochrome fallback.
import CNcursesw

/// How each `Style` looks: a colour pair where colours exist, attributes where they do not.
struct Theme {
    struct Look {
        let foreground: Int16
        let background: Int16
        let colorAttributes: Int32
        let monoAttributes: Int32
    }

    static func look(_ style: Style) -> Look {
        let bold = fd_attr_bold(), reverse = fd_attr_reverse(), underline = fd_attr_underline(), dim = fd_attr_dim()
        switch style {
        case .normal: return Look(foreground: -1, background: -1, colorAttributes: 0, monoAttributes: 0)
        case .title: return Look(foreground: Int16(COLOR_CYAN), background: -1, colorAttributes: bold, monoAttributes: bold)
        case .statusBar: return Look(foreground: Int16(COLOR_BLACK), background: Int16(COLOR_CYAN), colorAttributes: 0, monoAttributes: reverse)
        case .footerKey: return Look(foreground: Int16(COLOR_BLACK), background: Int16(COLOR_WHITE), colorAttributes: bold, monoAttributes: reverse | bold)
        case .footerText: return Look(foreground: -1, background: -1, colorAttributes: 0, monoAttributes: 0)
        case .selected: return Look(foreground: Int16(COLOR_BLACK), background: Int16(COLOR_YELLOW), colorAttributes: 0, monoAttributes: reverse)
        case .muted: return Look(foreground: Int16(COLOR_BLUE), background: -1, colorAttributes: bold, monoAttributes: dim)
        case .warning: return Look(foreground: Int16(COLOR_YELLOW), background: -1, colorAttributes: bold, monoAttributes: bold)
        case .error: return Look(foreground: Int16(COLOR_RED), background: -1, colorAttributes: bold, monoAttributes: bold | underline)
        case .input: return Look(foreground: -1, background: -1, colorAttributes: underline, monoAttributes: underline)
        case .accent: return Look(foreground: Int16(COLOR_GREEN), background: -1, colorAttributes: bold, monoAttributes: bold)
        }
    }
}
