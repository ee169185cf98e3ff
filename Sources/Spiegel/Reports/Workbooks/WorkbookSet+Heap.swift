import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension WorkbookSet {
    /// Returns to the system the memory that ingest and analysis freed, and merges what stays free, before the
    /// workbooks are written (glibc's `malloc_trim`; nothing elsewhere).
    ///
    /// libxlsxwriter allocates and frees every cell, row and string of a workbook. In a heap left with millions of
    /// scattered free chunks by the stages before (a million forms at ten years), each of those allocations searched
    /// and split the free lists: `malloc` took a third of the workbook stage's CPU at ten years, against 3 % when
    /// libxlsxwriter alone writes the same workbooks (docs/benchmarks.md, "The workbook stage"). Trimming once
    /// takes milliseconds; it changes no byte written.
    static func compactHeap() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        // Looked up rather than declared: a C library other than glibc has no such function, and nothing to trim.
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
