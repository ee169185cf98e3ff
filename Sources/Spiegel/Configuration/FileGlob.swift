import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shell-style patterns (`Data/exports/*.csv`) for the files a configuration names.
enum FileGlob {
    /// Whether `path` holds a wildcard and must be expanded rather than opened.
    static func isPattern(_ path: String) -> Bool {
        path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The regular files matching an absolute pattern, sorted by path so that runs are deterministic
    /// whatever the file system's order. Matches that are not regular files are left out; ``paths(matching:)``
    /// has them all, for callers that must say what was left out.
    static func expand(_ pattern: String) -> [URL] {
        paths(matching: pattern).compactMap { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                return nil
            }
            return URL(fileURLWithPath: path)
        }
    }

    /// Every name matching an absolute pattern, sorted by path: directories and dangling links included.
    static func paths(matching pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }
}
