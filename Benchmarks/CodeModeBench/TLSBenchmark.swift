import Foundation
import TestSupport

/// `store bootstrap` and `store diff` of the same library against a plain and a TLS
/// redis-server (certificates made by `TestCertificates`), so the cost of TLS shows.
func measureTLS(_ options: Options, size: Int) throws -> [Measurement] {
    let library = try generateLibrary(size: size)
    let certificates = try TestCertificates()
    let servers = [("plain", try RedisServer()), ("TLS", try RedisServer(tls: TLSFiles(certificates)))]
    let cache = try TemporaryDirectory("bench-tls-cache")
    var measurements: [Measurement] = []
    for (label, server) in servers {
        let target = "\(server.url)"
        func record(_ operation: String, _ prepare: (Int) throws -> Run) throws {
            if !options.json { FileHandle.standardError.write(Data("  \(operation) (\(size))…\n".utf8)) }
            measurements.append(Measurement(operation: operation, skills: size, timing: try time(options, in: library.url, prepare)))
        }
        try record("store bootstrap, fresh prefix (\(label))") { run in
            Run(arguments: ["store", "bootstrap", "--source", ".", "--target", target, "--prefix", "tls-bench-\(run)"], cacheFolder: cache.path)
        }
        try record("store diff, no change (\(label))") { _ in
            Run(arguments: ["store", "diff", "--source", ".", "--target", target, "--prefix", "tls-bench-0"], cacheFolder: cache.path)
        }
    }
    return measurements
}
