// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    // Spelling out `any` keeps the cost of existentials visible.
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CodeMode",
    // macOS 15: `Mutex` (Synchronization), which lets the compiler prove shared state safe.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "codemode", targets: ["codemode"]),
        .library(name: "CodeModeCore", targets: ["CodeModeCore"]),
        .library(name: "CodeModeGit", targets: ["CodeModeGit"]),
        .library(name: "CodeModePythonSyntax", targets: ["CodeModePythonSyntax"]),
        .library(name: "CodeModeRedis", targets: ["CodeModeRedis"]),
        .library(name: "CodeModeStorage", targets: ["CodeModeStorage"]),
        .library(name: "CodeModeSync", targets: ["CodeModeSync"]),
        .library(name: "CodeModeSession", targets: ["CodeModeSession"]),
        .library(name: "CodeModeGates", targets: ["CodeModeGates"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-system", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "CodeModeCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModePythonSyntax",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeGit",
            dependencies: ["CGit2", "COpenSSL"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeRedis",
            dependencies: ["CHiredis", "COpenSSL"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeStorage",
            dependencies: ["CodeModeCore", "CodeModeGit", "CodeModePythonSyntax", "CodeModeRedis", "Yams"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeSync",
            dependencies: ["CodeModeCore", "CodeModeGit", "CodeModeRedis", "CodeModeStorage"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeSession",
            dependencies: ["CodeModeCore", "CodeModeStorage", .product(name: "MCP", package: "swift-sdk"),
                           .product(name: "SystemPackage", package: "swift-system")],
            resources: [.embedInCode("Kernel/kernel.py")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeGates",
            dependencies: ["CodeModeCore", "CodeModeGit", "CodeModeStorage", "CodeModeSession", "CodeModeSync"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeMCP",
            dependencies: ["CodeModeSession", "CodeModeStorage", "CodeModeCore", .product(name: "MCP", package: "swift-sdk"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeTemplates",
            path: "templates",
            resources: ["skill.py", "sample_skill.py", "test_skill.py", "test_sample_skill.py", "codemode.yaml", "gitignore", "requirements.txt", "tool.yaml"]
                .map { .embedInCode($0) },
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeHooks",
            path: "hooks",
            resources: [.embedInCode("pre-commit")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CodeModeCLI",
            dependencies: [
                "CodeModeMCP",
                "CodeModeGates",
                .product(name: "MCP", package: "swift-sdk"),
                "CodeModeSession",
                "CodeModeCore",
                "CodeModeGit",
                "CodeModeHooks",
                "CodeModeRedis",
                "CodeModeStorage",
                "CodeModeSync",
                "CodeModeTemplates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "codemode",
            dependencies: ["CodeModeCLI"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "codemode-bench",
            dependencies: ["CodeModeCore", "CodeModeSession", "CodeModeStorage", "TestSupport"],
            path: "Benchmarks/CodeModeBench",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["CodeModeCore", "CodeModeGit", "CodeModeRedis", "CodeModeStorage"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeCoreTests",
            dependencies: ["CodeModeCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModePythonSyntaxTests",
            dependencies: ["CodeModePythonSyntax", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeGitTests",
            dependencies: ["CodeModeGit", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeRedisTests",
            dependencies: ["CodeModeCore", "CodeModeRedis", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeStorageTests",
            dependencies: ["CodeModeStorage", "CodeModeCore", "CodeModeGit", "CodeModeRedis", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeSyncTests",
            dependencies: ["CodeModeSync", "CodeModeStorage", "CodeModeCore", "CodeModeGit", "CodeModeRedis", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeSessionTests",
            dependencies: ["CodeModeSession", "CodeModeStorage", "CodeModeCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeGatesTests",
            dependencies: ["CodeModeGates", "CodeModeSession", "CodeModeStorage", "CodeModeSync", "CodeModeGit", "CodeModeCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeMCPTests",
            dependencies: ["CodeModeCore", "CodeModeSession", "CodeModeStorage", "TestSupport", "codemode", .product(name: "MCP", package: "swift-sdk"),
                           .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CodeModeCLITests",
            dependencies: ["CodeModeCLI", "CodeModeCore", "CodeModeRedis", "TestSupport", "codemode"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
