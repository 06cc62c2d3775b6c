// swift-tools-version:6.0
import PackageDescription

// One library target per pipeline stage: Load → Score → Render → Convert → Publish.
// RMBenchCore holds the plain value types the stages pass to each other.
let package = Package(
    name: "rmbench-site",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rmbench-site", targets: ["rmbench-site"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .target(name: "RMBenchCore", dependencies: ["CLibCrypto", "CByteSearch"]),
        .systemLibrary(name: "CLibCrypto", providers: [.apt(["libssl-dev"])]),
        // glibc's memmem, which the Glibc module does not export.
        .systemLibrary(name: "CByteSearch"),
        .target(name: "RMBenchLoad", dependencies: ["RMBenchCore"]),
        .target(name: "RMBenchScore", dependencies: ["RMBenchCore"]),
        .target(name: "RMBenchAnalyze", dependencies: ["RMBenchCore", "RMBenchScore"]),
        .target(name: "RMBenchBaselines", dependencies: ["RMBenchCore", "RMBenchLoad"]),
        // The build cache: content-addressed entries keyed by input hashes and the tool's fingerprint.
        .target(name: "RMBenchCache", dependencies: ["RMBenchCore"]),
        // Templates/ compiled in at build time, so an installed or copied binary needs no
        // Templates/ folder (no Bundle.module either, which breaks for a copied binary on Linux).
        .target(name: "RMBenchBuiltIn", plugins: ["EmbedTemplates"]),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["embed-templates"]),
        .executableTarget(name: "embed-templates"),
        .target(name: "RMBenchRender", dependencies: [
            "RMBenchCore", "RMBenchScore", "RMBenchAnalyze", "RMBenchBuiltIn",
        ]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "RMBenchConvert", dependencies: ["CCmarkGFM", "RMBenchCore"]),
        .target(name: "RMBenchPublish"),
        .target(name: "RMBenchServe", dependencies: ["RMBenchCore"]),
        // The pipeline as a library: reading a data folder into typed inputs, assembling the
        // site's data, the build with its progress, comparisons and gates — what the commands share.
        .target(name: "RMBenchSite", dependencies: [
            "RMBenchCore", "RMBenchLoad", "RMBenchScore", "RMBenchAnalyze", "RMBenchBaselines",
            "RMBenchRender", "RMBenchConvert", "RMBenchPublish", "RMBenchBuiltIn", "RMBenchCache",
        ]),
        // glibc's mallopt, for the executable's memory policy.
        .systemLibrary(name: "CMalloc"),
        .executableTarget(name: "rmbench-site", dependencies: [
            "CMalloc",
            "RMBenchSite", "RMBenchCore", "RMBenchLoad", "RMBenchScore", "RMBenchAnalyze", "RMBenchBaselines",
            "RMBenchRender", "RMBenchConvert", "RMBenchPublish", "RMBenchServe", "RMBenchBuiltIn",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "rmbench-bench", dependencies: [
            "RMBenchCore", "RMBenchLoad", "RMBenchScore", "RMBenchAnalyze", "RMBenchSite",
        ]),
        .testTarget(name: "RMBenchLoadTests", dependencies: ["RMBenchCore", "RMBenchLoad"]),
        .testTarget(name: "RMBenchScoreTests", dependencies: ["RMBenchCore", "RMBenchLoad", "RMBenchScore"]),
        .testTarget(name: "RMBenchAnalyzeTests", dependencies: ["RMBenchCore", "RMBenchScore", "RMBenchAnalyze"]),
        .testTarget(name: "RMBenchConvertTests", dependencies: ["RMBenchConvert"]),
        .testTarget(name: "RMBenchRenderTests", dependencies: ["RMBenchCore", "RMBenchScore", "RMBenchAnalyze", "RMBenchRender", "RMBenchConvert", "CCmarkGFM"]),
        .testTarget(name: "RMBenchPublishTests", dependencies: ["RMBenchPublish"]),
        .testTarget(name: "RMBenchCacheTests", dependencies: ["RMBenchCache", "RMBenchCore"]),
        .testTarget(name: "RMBenchServeTests", dependencies: ["RMBenchServe"]),
        .testTarget(name: "RMBenchSiteTests", dependencies: [
            "RMBenchSite", "RMBenchCore", "RMBenchScore", "RMBenchAnalyze", "RMBenchRender", "RMBenchPublish", "RMBenchCache",
        ]),
        // End to end: runs the built `rmbench-site` binary on real and hostile data folders.
        .testTarget(name: "SiteTests", dependencies: ["rmbench-site"]),
    ],
    swiftLanguageModes: [.v6]
)
