namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// Directory listings with Windows' pattern rules: names match a search pattern regardless of case (<c>*.TXT</c> finds
/// <c>a.txt</c>), with the legacy Win32 wildcard quirks (<c>*.*</c> is everything) the pattern overloads have on Windows.
/// Shared by <see cref="DirectoryMembers"/> and <see cref="DirectoryInfoMembers"/>.
/// </summary>
internal static class DirectoryListing
{
    public static EnumerationOptions Options(SearchOption option) => new()
    {
        MatchType = MatchType.Win32,
        MatchCasing = MatchCasing.CaseInsensitive,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = option == SearchOption.AllDirectories,
    };

    /// <summary>Runs a listing over the host folder of <paramref name="guestPath"/>, showing errors with guest paths.</summary>
    public static T List<T>(string guestPath, string searchPattern, Func<string, string, T> list)
    {
        ArgumentNullException.ThrowIfNull(guestPath);
        ArgumentNullException.ThrowIfNull(searchPattern);
        try
        {
            return list(WindowsManagedPaths.ToHost(guestPath)!, searchPattern);
        }
        catch (Exception error)
        {
            WindowsManagedPaths.ThrowAsGuest(error);
            throw;
        }
    }
}
