import XCTest
@testable import FrontDeskSync
final class SyncMachineTests: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
