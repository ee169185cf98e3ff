import Foundation
import XLSXWriter

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PipelineRun {
    /// The sentence for an error no layer has worded for a coordinator: a full disk, a folder without write
    /// permission, a workbook libxlsxwriter could not save; otherwise the error as it is, called internal.
    static func explain(_ error: Error, outputFolder: URL) -> (status: ExitStatus, message: String) {
        let unchanged = "\nThe previously published reports are unchanged."
        let nsError = error as NSError
        let codes = [nsError] + ((nsError.userInfo[NSUnderlyingErrorKey] as? NSError).map { [$0] } ?? [])
        let path = (nsError.userInfo[NSFilePathErrorKey] as? String) ?? outputFolder.path
        let outOfSpace = codes.contains { error in
            (error.domain == NSCocoaErrorDomain && error.code == NSFileWriteOutOfSpaceError)
                || (error.domain == NSPOSIXErrorDomain && (error.code == Int(ENOSPC) || error.code == Int(EDQUOT)))
        }
        if outOfSpace || freeBytes(at: outputFolder).map({ $0 < 16 << 20 }) == true {
            return (.internalError, RunError.diskFull(path: path).description)
        }
        if codes.contains(where: { error in
            (error.domain == NSCocoaErrorDomain
                && [NSFileWriteNoPermissionError, NSFileReadNoPermissionError, NSFileWriteVolumeReadOnlyError]
                    .contains(error.code))
                || (error.domain == NSPOSIXErrorDomain && (error.code == Int(EACCES) || error.code == Int(EROFS)))
        }) {
            return (
                .internalError,
                "Nothing published: no permission to write \(path). Check that the account running Spiegel owns the "
                    + "output folder (`ls -ld \(outputFolder.path)`)." + unchanged
            )
        }
        if let xlsx = error as? XLSXError {
            return (
                .internalError,
                "Nothing published: a workbook could not be written (\(xlsx)). This is usually a full disk or a "
                    + "folder that cannot be written; check `df -h \(outputFolder.path)`. If space and permissions are "
                    + "fine, report it." + unchanged
            )
        }
        return (.internalError, "Internal error: \(error)" + unchanged)
    }

    /// Bytes free for the run's account on the disk holding `folder`, when it can be asked.
    static func freeBytes(at folder: URL) -> UInt64? {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }
}
