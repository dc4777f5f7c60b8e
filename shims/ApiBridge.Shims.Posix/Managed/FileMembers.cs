using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The members of <c>System.IO.File</c> whose answer differs by platform beyond the path: attributes as .NET on
/// Linux derives them (a name starting with '.' is Hidden, a file with nothing else is Normal; Windows' Archive and
/// its own Hidden bit are not Linux's).
/// </summary>
[ShimMembers("System.IO.File", "posix", "file")]
public static class FileMembers
{
    private const FileAttributes LinuxAttributes = FileAttributes.ReadOnly | FileAttributes.Directory | FileAttributes.ReparsePoint;

    public static FileAttributes GetAttributes(string path)
    {
        var view = PosixServices.View;
        if (view.IsIdentity)
            return File.GetAttributes(path);
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileAttributes host;
        try
        {
            host = File.GetAttributes(PosixManagedPaths.ToHost(path)!);
        }
        catch (Exception e)
        {
            PosixManagedPaths.ThrowAsGuest(e);
            throw;
        }
        var attributes = host & LinuxAttributes;
        var name = path.TrimEnd('/');
        if (name[(name.LastIndexOf('/') + 1)..].StartsWith('.'))
            attributes |= FileAttributes.Hidden;
        return attributes == 0 ? FileAttributes.Normal : attributes;
    }
}
