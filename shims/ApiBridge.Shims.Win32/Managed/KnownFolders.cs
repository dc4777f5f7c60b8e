using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// Where Windows 10 keeps each <see cref="Environment.SpecialFolder"/> (the known-folder defaults, as a fresh Wine
/// prefix lays them out), in the guest's form, for the guest's user. Folders that are not file-system folders on
/// Windows (MyComputer, the OEM links folder) have no path.
/// </summary>
internal static class KnownFolders
{
    // SpecialFolder's values all lie below 64 (CDBurning, 59, is the highest).
    private const int TableSize = 64;

    /// <summary>The guest paths of one guest file system, and the host folders they were last found at.</summary>
    private sealed class Table(GuestFileSystem owner)
    {
        public readonly GuestFileSystem Owner = owner;
        public readonly string?[] GuestPaths = new string?[TableSize];
        public readonly string?[] HostFolders = new string?[TableSize];
    }

    // The profile and Windows folders are fixed for a guest file system, so each path is made once per process
    // (GetFolderPath is called on hot paths: logging set-up, settings loaders).
    private static Table? table;

    /// <summary>The guest path of <paramref name="folder"/> (null for folders that are not file-system folders).</summary>
    public static string? Path(Environment.SpecialFolder folder, GuestFileSystem fs)
    {
        var index = (int)folder;
        if ((uint)index >= TableSize)
            return Compute(folder, fs);
        var current = TableOf(fs);
        return current.GuestPaths[index] ??= Compute(folder, fs);
    }

    /// <summary>
    /// The host folder <paramref name="folder"/> was last resolved to, which a caller re-checks with one stat instead
    /// of a whole guest lookup; null when it has not been resolved yet.
    /// </summary>
    public static string? LastHostFolder(Environment.SpecialFolder folder, GuestFileSystem fs) =>
        (uint)folder < TableSize ? TableOf(fs).HostFolders[(int)folder] : null;

    public static void RememberHostFolder(Environment.SpecialFolder folder, GuestFileSystem fs, string hostFolder)
    {
        if ((uint)folder < TableSize)
            TableOf(fs).HostFolders[(int)folder] = hostFolder;
    }

    private static Table TableOf(GuestFileSystem fs)
    {
        var current = table;
        if (current is null || !ReferenceEquals(current.Owner, fs))
            table = current = new Table(fs);
        return current;
    }

    private static string? Compute(Environment.SpecialFolder folder, GuestFileSystem fs)
    {
        var profile = fs.UserProfile;
        var roaming = profile + @"\AppData\Roaming";
        var local = profile + @"\AppData\Local";
        var windows = fs.WindowsDirectory;
        var startMenu = roaming + @"\Microsoft\Windows\Start Menu";
        var commonStartMenu = @"C:\ProgramData\Microsoft\Windows\Start Menu";
        return folder switch
        {
            Environment.SpecialFolder.UserProfile => profile,
            Environment.SpecialFolder.ApplicationData => roaming,
            Environment.SpecialFolder.LocalApplicationData => local,
            Environment.SpecialFolder.CommonApplicationData => @"C:\ProgramData",
            Environment.SpecialFolder.Desktop or Environment.SpecialFolder.DesktopDirectory => profile + @"\Desktop",
            Environment.SpecialFolder.MyDocuments => profile + @"\Documents",
            Environment.SpecialFolder.MyMusic => profile + @"\Music",
            Environment.SpecialFolder.MyPictures => profile + @"\Pictures",
            Environment.SpecialFolder.MyVideos => profile + @"\Videos",
            Environment.SpecialFolder.Favorites => profile + @"\Favorites",
            Environment.SpecialFolder.StartMenu => startMenu,
            Environment.SpecialFolder.Programs => startMenu + @"\Programs",
            Environment.SpecialFolder.Startup => startMenu + @"\Programs\Startup",
            Environment.SpecialFolder.AdminTools => startMenu + @"\Programs\Administrative Tools",
            Environment.SpecialFolder.Recent => roaming + @"\Microsoft\Windows\Recent",
            Environment.SpecialFolder.SendTo => roaming + @"\Microsoft\Windows\SendTo",
            Environment.SpecialFolder.Templates => roaming + @"\Microsoft\Windows\Templates",
            Environment.SpecialFolder.NetworkShortcuts => roaming + @"\Microsoft\Windows\Network Shortcuts",
            Environment.SpecialFolder.PrinterShortcuts => roaming + @"\Microsoft\Windows\Printer Shortcuts",
            Environment.SpecialFolder.Cookies => local + @"\Microsoft\Windows\INetCookies",
            Environment.SpecialFolder.InternetCache => local + @"\Microsoft\Windows\INetCache",
            Environment.SpecialFolder.History => local + @"\Microsoft\Windows\History",
            Environment.SpecialFolder.CDBurning => local + @"\Microsoft\Windows\Burn\Burn",
            Environment.SpecialFolder.CommonDesktopDirectory => @"C:\users\Public\Desktop",
            Environment.SpecialFolder.CommonDocuments => @"C:\users\Public\Documents",
            Environment.SpecialFolder.CommonMusic => @"C:\users\Public\Music",
            Environment.SpecialFolder.CommonPictures => @"C:\users\Public\Pictures",
            Environment.SpecialFolder.CommonVideos => @"C:\users\Public\Videos",
            Environment.SpecialFolder.CommonStartMenu => commonStartMenu,
            Environment.SpecialFolder.CommonPrograms => commonStartMenu + @"\Programs",
            Environment.SpecialFolder.CommonStartup => commonStartMenu + @"\Programs\Startup",
            Environment.SpecialFolder.CommonAdminTools => commonStartMenu + @"\Programs\Administrative Tools",
            Environment.SpecialFolder.CommonTemplates => @"C:\ProgramData\Microsoft\Windows\Templates",
            Environment.SpecialFolder.Windows => windows,
            Environment.SpecialFolder.System => fs.SystemDirectory,
            Environment.SpecialFolder.SystemX86 => windows + @"\syswow64",
            Environment.SpecialFolder.Fonts => windows + @"\Fonts",
            Environment.SpecialFolder.Resources => windows + @"\resources",
            Environment.SpecialFolder.ProgramFiles => @"C:\Program Files",
            Environment.SpecialFolder.ProgramFilesX86 => @"C:\Program Files (x86)",
            Environment.SpecialFolder.CommonProgramFiles => @"C:\Program Files\Common Files",
            Environment.SpecialFolder.CommonProgramFilesX86 => @"C:\Program Files (x86)\Common Files",
            _ => null, // MyComputer, CommonOemLinks, LocalizedResources: no folder
        };
    }
}
