// What the central server's commands report: one sentence each.

/// An error a person reads on one line.
public enum CentralError: Error, CustomStringConvertible {
    case usage(String)
    case notFound(String)
    case unreachable(String)

    public var description: String {
        switch self {
        case .usage(let why), .notFound(let why): return why
        case .unreachable(let url): return "PostgreSQL at \(url) did not answer within 15 s (is it running, does the database exist, may this user connect?)"
        }
    }
}
