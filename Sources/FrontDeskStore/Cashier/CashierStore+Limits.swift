// What a facility sees at the counter and in its fee schedule: amounts and dates past these ask "are you sure?" first.
import Foundation
import FrontDeskCore
import GRDB

/// Thresholds past which a typed amount or date is more likely a slip than a fact (9,999,999,999 for
/// 1,000; 2099 for 2026). Nothing is refused: the screen asks first. Kept as settings rows; a facility
/// without them gets the defaults, in its own currency's units.
public struct PlausibleLimits: Sendable, Equatable {
    /// An opening float above this asks first (default 100,000 in major units).
    public var floatMinor: Int64
    /// A drawer counted at close above this asks first (default 1,000,000).
    public var countMinor: Int64
    /// A fee above this asks first (default 1,000,000).
    public var feeMinor: Int64
    /// A rate starting more than this many days ahead asks first (default 90).
    public var feeDaysAhead: Int

    public init(floatMinor: Int64, countMinor: Int64, feeMinor: Int64, feeDaysAhead: Int) {
        self.floatMinor = floatMinor
        self.countMinor = countMinor
        self.feeMinor = feeMinor
        self.feeDaysAhead = feeDaysAhead
    }

    /// The defaults for a currency with `minorUnits` digits after the point.
    public static func defaults(minorUnits: Int) -> PlausibleLimits {
        let unit = (0..<minorUnits).reduce(Int64(1)) { product, _ in product * 10 }
        return PlausibleLimits(floatMinor: 100_000 * unit, countMinor: 1_000_000 * unit, feeMinor: 1_000_000 * unit, feeDaysAhead: 90)
    }
}

extension CashierStore {
    static let limitKeys = (float: "warn_float_minor", count: "warn_count_minor", fee: "warn_fee_minor", feeDays: "warn_fee_days_ahead")

    /// The facility's thresholds (its settings, else the defaults).
    public func plausibleLimits() throws -> PlausibleLimits {
        let facility = try store.facility()
        let defaults = PlausibleLimits.defaults(minorUnits: facility.currencyMinorUnits)
        func value(_ key: String) throws -> Int64? { try store.setting(key).flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil } }
        return PlausibleLimits(
            floatMinor: try value(Self.limitKeys.float) ?? defaults.floatMinor,
            countMinor: try value(Self.limitKeys.count) ?? defaults.countMinor,
            feeMinor: try value(Self.limitKeys.fee) ?? defaults.feeMinor,
            feeDaysAhead: try value(Self.limitKeys.feeDays).map { Int(clamping: $0) } ?? defaults.feeDaysAhead)
    }

    /// Sets the thresholds; needs `facility.manage`. Each must be more than nothing.
    public func setPlausibleLimits(_ limits: PlausibleLimits, by actor: Actor) throws {
        guard limits.floatMinor > 0, limits.countMinor > 0, limits.feeMinor > 0, limits.feeDaysAhead > 0 else {
            throw StoreError.invalid(ValidationError("limit", "each threshold must be more than nothing"))
        }
        try store.setSettings([
            Self.limitKeys.float: String(limits.floatMinor), Self.limitKeys.count: String(limits.countMinor),
            Self.limitKeys.fee: String(limits.feeMinor), Self.limitKeys.feeDays: String(limits.feeDaysAhead),
        ], by: actor)
    }
}
