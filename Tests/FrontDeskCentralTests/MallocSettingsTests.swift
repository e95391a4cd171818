// The malloc settings the central server and the sync agent make at start take effect on this glibc.
import CGlibcMalloc
import XCTest

final class MallocSettingsTests: XCTestCase {
    /// A refused mallopt changes nothing and says so only by its answer: a threshold above glibc's
    /// limit once left every push's buffers mapped and zeroed afresh, unnoticed.
    func testGlibcTakesBothSettings() {
        XCTAssertEqual(frontdesk_keep_large_buffers_in_heap(), 1)
    }
}
