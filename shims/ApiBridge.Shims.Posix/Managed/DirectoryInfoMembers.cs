using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary><c>DirectoryInfo.Root</c>: Linux has one root, <c>/</c> (the host's drive root is not the guest's).</summary>
[ShimMembers("System.IO.DirectoryInfo", "posix", "file")]
public static class DirectoryInfoMembers
{
#pragma warning disable IDE1006, CA1707 // the name of the replaced property getter
    public static DirectoryInfo get_Root(DirectoryInfo self)
#pragma warning restore IDE1006, CA1707
    {
        ArgumentNullException.ThrowIfNull(self);
        return PosixServices.View.IsIdentity ? self.Root : PosixManagedPaths.AsTyped(new DirectoryInfo(PosixManagedPaths.ToHost("/")!), "/")!;
    }
}
