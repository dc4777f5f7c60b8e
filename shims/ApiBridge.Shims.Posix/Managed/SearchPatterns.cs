using System.IO.Enumeration;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>Directory</c>'s enumerations with a search pattern, matched as .NET on Linux matches it: letter case counts
/// (<c>*.TXT</c> finds <c>B.TXT</c>, not <c>b.txt</c>), whatever the host's file system does. On a host with
/// Windows names the host lists every entry and the guest's names are matched here; with the identity view the
/// BCL does it all.
/// </summary>
internal static class SearchPatterns
{
    public enum Kind
    {
        Files,
        Directories,
        Entries,
    }

    public static IEnumerable<string> Enumerate(Kind kind, string path, string searchPattern, EnumerationOptions? options, SearchOption? searchOption)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(searchPattern);
        // The options the pattern-and-SearchOption overloads use (the BCL's "compatible" ones).
        options ??= new EnumerationOptions
        {
            RecurseSubdirectories = searchOption == SearchOption.AllDirectories,
            IgnoreInaccessible = false,
            AttributesToSkip = 0,
            MatchType = MatchType.Win32,
        };
        var view = PosixServices.View;
        if (view.IsIdentity || !view.WindowsNames || searchPattern.Contains('/') || searchPattern.Contains('\\'))
            return Guarded(() => Host(kind, PosixManagedPaths.ToHost(path)!, PosixManagedPaths.ToHostRelative(searchPattern)!, options), translate: !view.IsIdentity);
        var everything = new EnumerationOptions
        {
            RecurseSubdirectories = options.RecurseSubdirectories,
            IgnoreInaccessible = options.IgnoreInaccessible,
            AttributesToSkip = options.AttributesToSkip,
            BufferSize = options.BufferSize,
            MaxRecursionDepth = options.MaxRecursionDepth,
            ReturnSpecialDirectories = options.ReturnSpecialDirectories,
        };
        var ignoreCase = options.MatchCasing == MatchCasing.CaseInsensitive;
        var win32 = options.MatchType == MatchType.Win32;
        var expression = searchPattern == "*.*" && win32 ? "*" : win32 ? FileSystemName.TranslateWin32Expression(searchPattern) : searchPattern;
        var found = Guarded(() => Host(kind, PosixManagedPaths.ToHost(path)!, "*", everything), translate: true);
        return found.Where(guest =>
        {
            var name = guest[(guest.LastIndexOf('/') + 1)..];
            return expression == "*" || (win32
                ? FileSystemName.MatchesWin32Expression(expression, name, ignoreCase)
                : FileSystemName.MatchesSimpleExpression(expression, name, ignoreCase));
        });
    }

    private static IEnumerable<string> Host(Kind kind, string path, string pattern, EnumerationOptions options) => kind switch
    {
        Kind.Files => Directory.EnumerateFiles(path, pattern, options),
        Kind.Directories => Directory.EnumerateDirectories(path, pattern, options),
        _ => Directory.EnumerateFileSystemEntries(path, pattern, options),
    };

    // The enumeration opens its folder at once (so a missing one throws here) and is read lazily after; both guarded.
    private static IEnumerable<string> Guarded(Func<IEnumerable<string>> start, bool translate)
    {
        IEnumerable<string> host;
        try
        {
            host = start();
        }
        catch (Exception e)
        {
            PosixManagedPaths.ThrowAsGuest(e);
            throw;
        }
        return translate ? Translated(host) : host;
    }

    private static IEnumerable<string> Translated(IEnumerable<string> host)
    {
        using var items = host.GetEnumerator();
        while (true)
        {
            try
            {
                if (!items.MoveNext())
                    yield break;
            }
            catch (Exception e)
            {
                PosixManagedPaths.ThrowAsGuest(e);
                throw;
            }
            yield return PosixManagedPaths.ToGuest(items.Current)!;
        }
    }
}
