using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The guest's one working directory (libc's: what getcwd answers and chdir changes, <see cref="PosixPathView.CurrentDirectory"/>),
/// for <c>Environment.CurrentDirectory</c> and <c>Directory.Get/SetCurrentDirectory</c>.
/// </summary>
internal static class CurrentFolder
{
    public static string Get() => PosixServices.View.CurrentDirectory;

    /// <summary>As chdir, with the exceptions .NET on Linux throws for its errno.</summary>
    public static void Set(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            throw new ArgumentException("The path is empty.", nameof(path));
        var view = PosixServices.View;
        if (view.IsIdentity)
        {
            Directory.SetCurrentDirectory(path);
            return;
        }
        var error = view.Resolve(path, out var resolved);
        if (error == 0)
            error = HostFiles.DirectoryError(resolved, follow: true);
        if (error != 0)
            throw ManagedErrors.ForErrno(error, resolved.Guest ?? path, isDirectory: true);
        view.ChangeDirectory(resolved);
    }
}
