/// The kernel program (kernel.py, embedded at build time), passed to Python with `-c`.
enum KernelSource {
    static let text = String(decoding: PackageResources.kernel_py, as: UTF8.self)
}
