// ISO 4217: the active currency codes and their minor units, so `ZZZ` is refused and JPY has no decimals.
import Foundation

/// A currency as money is stored: a code and how many minor units make one major unit.
public struct Currency: Sendable, Equatable {
    public let code: String
    public let minorUnits: Int

    /// A code from a store; a code ISO has since withdrawn keeps the usual two decimals.
    public init(code: String) {
        self.code = code
        self.minorUnits = Currency.iso4217[code] ?? 2
    }

    /// The active ISO 4217 codes (list one, as published by SIX, 2025) with their minor units.
    /// Left out: codes with no minor unit (gold, silver, SDR, test and "no currency" codes), which
    /// no one takes at a counter.
    public static let iso4217: [String: Int] = {
        var table: [String: Int] = [:]
        for code in twoDecimals.split(separator: " ") { table[String(code)] = 2 }
        for (units, codes) in [(0, zeroDecimals), (3, threeDecimals), (4, fourDecimals)] {
            for code in codes.split(separator: " ") { table[String(code)] = units }
        }
        return table
    }()

    static let zeroDecimals = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
    static let threeDecimals = "BHD IQD JOD KWD LYD OMR TND"
    static let fourDecimals = "CLF UYW"
    static let twoDecimals = """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD \
        CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS \
        GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL \
        MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK \
        PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS \
        TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG
        """
}
