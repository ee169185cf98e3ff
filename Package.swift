// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Spiegel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "spiegel", targets: ["spiegel"]),
        .library(name: "Spiegel", targets: ["Spiegel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The C library, found through pkg-config; Debian ships it as libxlsxwriter-dev.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // zlib's raw inflate and CRC-32, for XLSX parts; Debian ships it as zlib1g-dev.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // A small safe Swift layer over libxlsxwriter: ownership, errors, validated names.
        .target(name: "XLSXWriter", dependencies: ["CXLSXWriter"]),
        // Everything that is not argument parsing: configuration → ingest → analysis → reports → run.
        .target(
            name: "Spiegel",
            dependencies: [
                "XLSXWriter",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Synthetic exports, registry and Pipeline.yml at any scale: for `spiegel generate`, tests and
        // benchmarks; not part of the product library.
        .target(name: "SyntheticData", dependencies: ["Spiegel"]),
        // The command line: argument parsing and wiring only.
        .executableTarget(
            name: "spiegel",
            dependencies: [
                "Spiegel",
                "SyntheticData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers every test target shares: the package root, temporary folders, the Python reference tools.
        .target(name: "SpiegelTestSupport", path: "Tests/SpiegelTestSupport"),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter", "SpiegelTestSupport"]),
        .testTarget(name: "SyntheticDataTests", dependencies: ["SyntheticData", "Spiegel", "SpiegelTestSupport"]),
        .testTarget(name: "SpiegelTests", dependencies: ["Spiegel", "SyntheticData", "XLSXWriter", "SpiegelTestSupport"]),
    ]
)
