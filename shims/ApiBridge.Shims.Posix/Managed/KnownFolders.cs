using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>Environment.SpecialFolder</c> as .NET on Linux answers it, over the guest's environment and files: fixed
/// system folders (<c>/usr/share</c>), the XDG base directories (<c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>,
/// <c>$XDG_DATA_HOME</c> or <c>~/.local/share</c>) and the XDG user directories (<c>$XDG_DESKTOP_DIR</c>, else
/// <c>user-dirs.dirs</c> in the config folder, else <c>~/Desktop</c> …); "" for a folder Linux does not have.
/// </summary>
internal static class KnownFolders
{
    public static string Path(System.Environment.SpecialFolder folder)
    {
        switch (folder)
        {
            case System.Environment.SpecialFolder.CommonApplicationData:
                return "/usr/share";
            case System.Environment.SpecialFolder.CommonTemplates:
                return "/usr/share/templates";
        }
        var home = GuestEnvironment.Get("HOME");
        if (string.IsNullOrEmpty(home))
            home = "/";
        return folder switch
        {
            System.Environment.SpecialFolder.UserProfile => home,
            System.Environment.SpecialFolder.ApplicationData => Config(home),
            System.Environment.SpecialFolder.LocalApplicationData => Rooted(GuestEnvironment.Get("XDG_DATA_HOME")) ?? Join(home, ".local/share"),
            System.Environment.SpecialFolder.Desktop or System.Environment.SpecialFolder.DesktopDirectory => UserDirectory(home, "XDG_DESKTOP_DIR", "Desktop"),
            System.Environment.SpecialFolder.Personal => UserDirectory(home, "XDG_DOCUMENTS_DIR", "Documents"),
            System.Environment.SpecialFolder.Templates => UserDirectory(home, "XDG_TEMPLATES_DIR", "Templates"),
            System.Environment.SpecialFolder.MyVideos => UserDirectory(home, "XDG_VIDEOS_DIR", "Videos"),
            System.Environment.SpecialFolder.MyMusic => UserDirectory(home, "XDG_MUSIC_DIR", "Music"),
            System.Environment.SpecialFolder.MyPictures => UserDirectory(home, "XDG_PICTURES_DIR", "Pictures"),
            System.Environment.SpecialFolder.Fonts => Join(home, ".fonts"),
            _ => string.Empty,
        };
    }

    private static string Config(string home) => Rooted(GuestEnvironment.Get("XDG_CONFIG_HOME")) ?? Join(home, ".config");

    private static string? Rooted(string? value) => !string.IsNullOrEmpty(value) && value[0] == '/' ? value : null;

    private static string Join(string folder, string rest) => folder.EndsWith('/') ? folder + rest : folder + "/" + rest;

    /// <summary>An XDG user directory: the variable, else its line in <c>user-dirs.dirs</c> (read through the path view), else the fallback under home.</summary>
    private static string UserDirectory(string home, string key, string fallback)
    {
        if (Rooted(GuestEnvironment.Get(key)) is { } set)
            return set;
        var file = Join(Config(home), "user-dirs.dirs");
        try
        {
            if (PosixServices.View.Resolve(file, out var resolved) == 0 && HostFiles.KindOf(resolved, follow: true) == EntryKind.File)
            {
                foreach (var line in File.ReadLines(resolved.Host))
                {
                    if (ParseLine(line, key) is { } value)
                        return value.RelativeToHome ? Join(home, value.Path) : value.Path;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return Join(home, fallback);
    }

    // KEY = "$HOME/rel" or KEY="/absolute", spaces allowed around '=' (the lines xdg-user-dirs writes).
    private static (string Path, bool RelativeToHome)? ParseLine(string line, string key)
    {
        var pos = SkipSpaces(line, 0);
        if (string.CompareOrdinal(line, pos, key, 0, key.Length) != 0)
            return null;
        pos = SkipSpaces(line, pos + key.Length);
        if (pos >= line.Length - 4 || line[pos] != '=')
            return null;
        pos = SkipSpaces(line, pos + 1);
        if (pos >= line.Length - 3 || line[pos] != '"')
            return null;
        pos++;
        var relative = false;
        if (string.CompareOrdinal(line, pos, "$HOME/", 0, 6) == 0)
        {
            relative = true;
            pos += 6;
        }
        else if (line[pos] != '/')
            return null;
        var end = line.IndexOf('"', pos);
        return end <= pos ? null : (line[pos..end], relative);
    }

    private static int SkipSpaces(string line, int pos)
    {
        while (pos < line.Length && char.IsWhiteSpace(line[pos]))
            pos++;
        return pos;
    }
}
