// The notes and coins a cashier counts the drawer in, by currency (values in minor units).

public enum Denominations {
    /// Largest first. Unknown currencies are counted as one total.
    public static func of(_ currency: String) -> [Int64] {
        switch currency {
        case "KES": return [1000, 500, 200, 100, 50, 20, 10, 5, 1].map { $0 * 100 }
        case "UGX": return [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50]
        case "TZS": return [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50].map { $0 * 100 }
        case "NGN": return [1000, 500, 200, 100, 50, 20, 10, 5].map { $0 * 100 }
        case "USD": return [10_000, 5_000, 2_000, 1_000, 500, 100, 25, 10, 5, 1]
        case "EUR": return [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1]
        case "GBP": return [5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1]
        case "INR": return [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100]
        default: return []
        }
    }
}
