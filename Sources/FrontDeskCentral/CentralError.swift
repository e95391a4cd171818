// What the central server's commands report: one sentence each.

/// An error a person reads on one line.
public enum CentralError: Error, CustomStringConvertible {
    case usage(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .usage(let why), .notFound(let why): return why
        }
    }
}
