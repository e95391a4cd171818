// swift-tools-version:6.1
// FrontDesk: a keyboard-first, offline-first front-desk system for hospitals and clinics.
import PackageDescription

let package = Package(
    name: "FrontDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "frontdesk", targets: ["frontdesk"]),
        .executable(name: "frontdesk-bench", targets: ["frontdesk-bench"]),
        .executable(name: "frontdesk-central", targets: ["frontdesk-central"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The sync agent's HTTP client, and its logs (the central server logs the same way).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The central server only: never linked into `frontdesk`.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Domain values and rules. Foundation only.
        .target(name: "FrontDeskCore"),
        // Canonical JSON, ledger entries, the SHA-256 chain: shared by store, sync and central.
        .target(
            name: "FrontDeskLedger",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The facility's SQLite store: migrations and the one write path.
        .target(
            name: "FrontDeskStore",
            dependencies: [
                "FrontDeskCore", "FrontDeskLedger",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // ncursesw, as a system library; only TerminalKit imports it.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // mallopt, for the central server's large buffers (its shim.h).
        .systemLibrary(name: "CGlibcMalloc"),
        // The terminal: in-memory screen, keys, and the one ncurses driver.
        .target(name: "TerminalKit", dependencies: ["CNcursesw"]),
        // The shell every desk lives in: sign-in, home, lock, help, settings, shared widgets, DeskModule.
        .target(name: "FrontDeskShell", dependencies: ["FrontDeskCore", "FrontDeskStore", "TerminalKit"]),
        // One module per desk: its screens, forms and keymaps. A desk never imports another desk.
        .target(name: "RegistrationDesk", dependencies: ["FrontDeskShell", "FrontDeskCore", "FrontDeskStore", "TerminalKit"]),
        .target(name: "QueueDesk", dependencies: ["FrontDeskShell", "FrontDeskCore", "FrontDeskStore", "TerminalKit"]),
        .target(name: "CashierDesk", dependencies: ["FrontDeskShell", "FrontDeskCore", "FrontDeskStore", "TerminalKit"]),
        .target(name: "BedsDesk", dependencies: ["FrontDeskShell", "FrontDeskCore", "FrontDeskStore", "TerminalKit"]),
        .target(name: "PharmacyDesk", dependencies: ["FrontDeskShell", "FrontDeskCore", "FrontDeskStore", "TerminalKit"]),
        // The ledger push client: a pure state machine, the store's side of it, and a thin HTTP driver.
        .target(
            name: "FrontDeskSync",
            dependencies: [
                "FrontDeskLedger", "FrontDeskStore", "FrontDeskCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SyncDesk", dependencies: ["FrontDeskShell", "FrontDeskCore", "FrontDeskStore", "TerminalKit"]),
        // The one list of desks; composes the shell and the desks for `frontdesk`.
        .target(
            name: "FrontDeskApp",
            dependencies: ["FrontDeskShell", "RegistrationDesk", "QueueDesk", "CashierDesk", "BedsDesk", "PharmacyDesk", "SyncDesk", "FrontDeskCore", "FrontDeskStore",
                           "TerminalKit"]
        ),
        // The central server: the push protocol over Hummingbird 2 and PostgreSQL.
        .target(
            name: "FrontDeskCentral",
            dependencies: [
                "FrontDeskLedger",
                "CGlibcMalloc",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "frontdesk-central",
            dependencies: [
                "FrontDeskCentral", "FrontDeskLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Imports from legacy systems (CSV exports) into the store.
        .target(
            name: "FrontDeskImport",
            dependencies: ["FrontDeskCore", "FrontDeskStore", .product(name: "CSV", package: "CSV.swift")]
        ),
        // Resources/: data, not code (the demo's clinics and fees, samples, templates). A target whose
        // path is Resources, so SwiftPM bundles the folders beside the binaries; `ResourceFiles` (its one
        // source file, Resources/Swift/ResourceFiles.swift) finds them from any working directory.
        .target(
            name: "FrontDeskResources", path: "Resources", exclude: ["README.md"], sources: ["Swift"],
            resources: [.copy("demo"), .copy("fees"), .copy("samples")]
        ),
        // Realistic demo data for a facility.
        .target(name: "FrontDeskDemo", dependencies: ["FrontDeskCore", "FrontDeskStore", "FrontDeskImport", "FrontDeskResources"]),
        .executableTarget(
            name: "frontdesk",
            dependencies: [
                "FrontDeskCore", "FrontDeskLedger", "FrontDeskStore", "FrontDeskDemo", "FrontDeskApp", "TerminalKit",
                "FrontDeskImport", "FrontDeskSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "frontdesk-bench",
            dependencies: [
                "FrontDeskCore", "FrontDeskStore", "FrontDeskDemo", "FrontDeskImport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets.
        .target(name: "FrontDeskTestSupport", dependencies: ["FrontDeskCore", "FrontDeskStore"], path: "Tests/TestSupport"),
        .testTarget(name: "FrontDeskCoreTests", dependencies: ["FrontDeskCore"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(
            name: "FrontDeskTUITests",
            dependencies: [
                "FrontDeskApp", "FrontDeskShell", "RegistrationDesk", "QueueDesk", "CashierDesk", "BedsDesk", "PharmacyDesk", "SyncDesk",
                "TerminalKit", "FrontDeskStore", "FrontDeskCore", "FrontDeskTestSupport", "FrontDeskDemo",
            ]
        ),
        .testTarget(name: "FrontDeskLedgerTests", dependencies: ["FrontDeskLedger", "FrontDeskTestSupport"]),
        .testTarget(name: "FrontDeskCentralTests", dependencies: ["FrontDeskCentral", "FrontDeskLedger", "CGlibcMalloc", "FrontDeskTestSupport"]),
        .testTarget(
            name: "FrontDeskSyncTests",
            dependencies: ["FrontDeskSync", "FrontDeskLedger", "FrontDeskStore", "FrontDeskCore", "FrontDeskTestSupport"]
        ),
        .testTarget(
            name: "FrontDeskImportTests",
            dependencies: ["FrontDeskImport", "FrontDeskStore", "FrontDeskCore", "FrontDeskResources", "FrontDeskTestSupport"]
        ),
        .testTarget(
            name: "FrontDeskStoreTests",
            dependencies: [
                "FrontDeskStore", "FrontDeskCore", "FrontDeskLedger", "FrontDeskDemo", "FrontDeskTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
