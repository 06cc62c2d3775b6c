#if canImport(Glibc)
import CMalloc
#endif

/// How the process returns freed memory. glibc raises its trim and mmap thresholds each time a
/// large block is freed (up to 32 MB), so memory a build frees — file buffers, a model's pages
/// once written — stays with the process, once per thread arena; fixed thresholds give it back.
/// Measured on a 50-model build: peak RSS 145 MB → 116 MB, the same time.
enum MemoryPolicy {
    static func returnFreedMemory() {
        #if canImport(Glibc)
        mallopt(M_TRIM_THRESHOLD, 128 << 10)
        mallopt(M_MMAP_THRESHOLD, 256 << 10)
        #endif
    }
}
