using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The members of <c>System.IO.Directory</c> a path translation alone cannot give: the working directory is libc's
/// (the rest of Directory goes through the generated path wrappers).
/// </summary>
[ShimMembers("System.IO.Directory", "posix", "file")]
public static class DirectoryMembers
{
    public static string GetCurrentDirectory() => CurrentFolder.Get();

    public static void SetCurrentDirectory(string path) => CurrentFolder.Set(path);
}
