// Timestamp's own calendar arithmetic against the C library's gmtime_r and timegm, which it replaced.
import Foundation
import XCTest

@testable import FrontDeskCore

#if canImport(Glibc)
import Glibc
#endif

final class TimestampArithmeticTests: XCTestCase {
    /// What `Timestamp.string` wrote when it called gmtime_r.
    func libcString(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let q = totalMillis / 1000
        var seconds = time_t(totalMillis % 1000 != 0 && totalMillis < 0 ? q - 1 : q)
        let millis = Int(totalMillis - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// What `Timestamp.date` read when it called timegm.
    func libcSeconds(_ f: [Int]) -> Int {
        var parts = tm()
        parts.tm_year = Int32(f[0] - 1900)
        parts.tm_mon = Int32(f[1] - 1)
        parts.tm_mday = Int32(f[2])
        parts.tm_hour = Int32(f[3])
        parts.tm_min = Int32(f[4])
        parts.tm_sec = Int32(f[5])
        return Int(timegm(&parts))
    }

    func testWritingMatchesGmtimeFromYearZeroToNineThousand() {
        var generator = SystemRandomNumberGenerator()
        let instants: [Double] = [0, -0.001, -1, 86_399.999, 951_782_400, 1_795_320_734.123, -62_135_596_800, 253_402_300_799.999]
            + (0..<100_000).map { _ in Double(Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator)) / 1000 }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(Timestamp.string(date), libcString(date), "\(seconds)")
        }
    }

    func testReadingMatchesTimegmForEveryFieldInAndOutOfRange() {
        var generator = SystemRandomNumberGenerator()
        for i in 0..<100_000 {
            // Every field two digits (the year four), in range half the time, anything 00-99 otherwise.
            let wild = i % 2 == 1
            let f = [Int.random(in: 1...9999, using: &generator),
                     wild ? Int.random(in: 0...99, using: &generator) : Int.random(in: 1...12, using: &generator),
                     wild ? Int.random(in: 0...99, using: &generator) : Int.random(in: 1...31, using: &generator),
                     Int.random(in: 0...(wild ? 99 : 23), using: &generator), Int.random(in: 0...(wild ? 99 : 59), using: &generator),
                     Int.random(in: 0...(wild ? 99 : 60), using: &generator), Int.random(in: 0...999, using: &generator)]
            let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", f[0], f[1], f[2], f[3], f[4], f[5], f[6])
            // The old code made its Date this way; Date keeps seconds since 2001, so compare Dates.
            let expected = Date(timeIntervalSince1970: Double(libcSeconds(f)) + Double(f[6]) / 1000)
            XCTAssertEqual(Timestamp.date(text), expected, text)
        }
        XCTAssertNil(Timestamp.date("2026-11-22T04:12:14.123"))
    }
}
