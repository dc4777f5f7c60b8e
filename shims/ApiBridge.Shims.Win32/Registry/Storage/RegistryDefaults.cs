using static ApiBridge.Shims.Win32.Registry.Storage.RegistryValueTypes;

namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// What a new prefix's registry holds: the keys Windows programs commonly read to learn about the system and the
/// user (version, environment, shell folders), pointing into the prefix's profile <c>C:\users\&lt;user&gt;</c> the way
/// Wine's do. Documented contents (guests may rely on them):
/// <list type="bullet">
/// <item>HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion: ProductName "Windows 10 Pro", CurrentVersion "6.3",
/// CurrentBuild / CurrentBuildNumber "18362", CurrentMajorVersionNumber 10, CurrentMinorVersionNumber 0, DisplayVersion
/// "1903", EditionID, InstallationType, SystemRoot "C:\windows", RegisteredOwner, RegisteredOrganization.</item>
/// <item>HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion: ProgramFilesDir, CommonFilesDir, ProgramFilesDir (x86).</item>
/// <item>HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment: ComSpec, OS, Path, PATHEXT, windir,
/// PROCESSOR_ARCHITECTURE, TEMP, TMP (the last two REG_EXPAND_SZ).</item>
/// <item>HKCU\Environment: TEMP, TMP (REG_EXPAND_SZ "%USERPROFILE%\AppData\Local\Temp").</item>
/// <item>HKCU\Software (and HKLM\SOFTWARE\Classes, HKCU\Software\Classes).</item>
/// <item>HKCU\...\Explorer\Shell Folders (REG_SZ, expanded) and User Shell Folders (REG_EXPAND_SZ), HKLM's common ones.</item>
/// </list>
/// </summary>
internal static class RegistryDefaults
{
    private static long Now => DateTime.UtcNow.ToFileTimeUtc();

    public static RegistryNode Machine(string userName)
    {
        var root = new RegistryNode(string.Empty, null);
        var version = Key(root, @"SOFTWARE\Microsoft\Windows NT\CurrentVersion");
        Sz(version, "CurrentBuild", "18362");
        Sz(version, "CurrentBuildNumber", "18362");
        Dword(version, "CurrentMajorVersionNumber", 10);
        Dword(version, "CurrentMinorVersionNumber", 0);
        Sz(version, "CurrentType", "Multiprocessor Free");
        Sz(version, "CurrentVersion", "6.3");
        Sz(version, "DisplayVersion", "1903");
        Sz(version, "EditionID", "Professional");
        Sz(version, "InstallationType", "Client");
        Sz(version, "ProductId", "00330-80000-00000-AA000");
        Sz(version, "ProductName", "Windows 10 Pro");
        Sz(version, "RegisteredOrganization", "");
        Sz(version, "RegisteredOwner", userName);
        Sz(version, "SystemRoot", @"C:\windows");
        Key(root, @"SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList");

        var windows = Key(root, @"SOFTWARE\Microsoft\Windows\CurrentVersion");
        Sz(windows, "CommonFilesDir", @"C:\Program Files\Common Files");
        Sz(windows, "ProgramFilesDir", @"C:\Program Files");
        Sz(windows, "ProgramFilesDir (x86)", @"C:\Program Files (x86)");
        Sz(windows, "ProgramFilesPath", @"%ProgramFiles%", REG_EXPAND_SZ);
        var common = Key(root, @"SOFTWARE\Microsoft\Windows\CurrentVersion\Explorer\Shell Folders");
        Sz(common, "Common AppData", @"C:\ProgramData");
        Sz(common, "Common Desktop", @"C:\users\Public\Desktop");
        Sz(common, "Common Documents", @"C:\users\Public\Documents");
        var commonUser = Key(root, @"SOFTWARE\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders");
        Sz(commonUser, "Common AppData", "%ProgramData%", REG_EXPAND_SZ);
        Sz(commonUser, "Common Desktop", @"%PUBLIC%\Desktop", REG_EXPAND_SZ);
        Sz(commonUser, "Common Documents", @"%PUBLIC%\Documents", REG_EXPAND_SZ);
        Key(root, @"SOFTWARE\Classes");
        Key(root, @"SOFTWARE\WOW6432Node");

        var environment = Key(root, @"SYSTEM\CurrentControlSet\Control\Session Manager\Environment");
        Sz(environment, "ComSpec", @"%SystemRoot%\system32\cmd.exe", REG_EXPAND_SZ);
        Sz(environment, "NUMBER_OF_PROCESSORS", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Sz(environment, "OS", "Windows_NT");
        Sz(environment, "Path", @"%SystemRoot%\system32;%SystemRoot%;%SystemRoot%\system32\wbem", REG_EXPAND_SZ);
        Sz(environment, "PATHEXT", ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC");
        Sz(environment, "PROCESSOR_ARCHITECTURE", "AMD64");
        Sz(environment, "TEMP", @"%SystemRoot%\TEMP", REG_EXPAND_SZ);
        Sz(environment, "TMP", @"%SystemRoot%\TEMP", REG_EXPAND_SZ);
        Sz(environment, "windir", "%SystemRoot%", REG_EXPAND_SZ);
        var computer = Key(root, @"SYSTEM\CurrentControlSet\Control\ComputerName\ComputerName");
        Sz(computer, "ComputerName", Environment.MachineName.ToUpperInvariant());
        Key(root, @"SYSTEM\CurrentControlSet\Hardware Profiles\Current");
        return root;
    }

    /// <summary>Profile folders: value name → path below the profile (Wine's and Windows 10's layout).</summary>
    private static readonly (string Name, string Path)[] ShellFolders =
    {
        ("AppData", @"AppData\Roaming"),
        ("Cache", @"AppData\Local\Microsoft\Windows\INetCache"),
        ("Cookies", @"AppData\Local\Microsoft\Windows\INetCookies"),
        ("Desktop", "Desktop"),
        ("Favorites", "Favorites"),
        ("History", @"AppData\Local\Microsoft\Windows\History"),
        ("Local AppData", @"AppData\Local"),
        ("My Music", "Music"),
        ("My Pictures", "Pictures"),
        ("My Video", "Videos"),
        ("NetHood", @"AppData\Roaming\Microsoft\Windows\Network Shortcuts"),
        ("Personal", "Documents"),
        ("PrintHood", @"AppData\Roaming\Microsoft\Windows\Printer Shortcuts"),
        ("Programs", @"AppData\Roaming\Microsoft\Windows\Start Menu\Programs"),
        ("Recent", @"AppData\Roaming\Microsoft\Windows\Recent"),
        ("SendTo", @"AppData\Roaming\Microsoft\Windows\SendTo"),
        ("Start Menu", @"AppData\Roaming\Microsoft\Windows\Start Menu"),
        ("Startup", @"AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Startup"),
        ("Templates", @"AppData\Roaming\Microsoft\Windows\Templates"),
        ("{374DE290-123F-4565-9164-39C4925E467B}", "Downloads"),
    };

    public static RegistryNode User(string userName)
    {
        var root = new RegistryNode(string.Empty, null);
        var profile = @"C:\users\" + userName;
        var environment = Key(root, "Environment");
        Sz(environment, "TEMP", @"%USERPROFILE%\AppData\Local\Temp", REG_EXPAND_SZ);
        Sz(environment, "TMP", @"%USERPROFILE%\AppData\Local\Temp", REG_EXPAND_SZ);
        Key(root, @"Software\Classes");
        Key(root, @"Software\Microsoft\Windows\CurrentVersion\Run");
        var shell = Key(root, @"Software\Microsoft\Windows\CurrentVersion\Explorer\Shell Folders");
        var user = Key(root, @"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders");
        foreach (var (name, path) in ShellFolders)
        {
            Sz(shell, name, profile + "\\" + path);
            Sz(user, name, @"%USERPROFILE%\" + path, REG_EXPAND_SZ);
        }
        var volatileEnvironment = Key(root, "Volatile Environment");
        Sz(volatileEnvironment, "APPDATA", profile + @"\AppData\Roaming");
        Sz(volatileEnvironment, "HOMEDRIVE", "C:");
        Sz(volatileEnvironment, "HOMEPATH", @"\users\" + userName);
        Sz(volatileEnvironment, "LOCALAPPDATA", profile + @"\AppData\Local");
        Sz(volatileEnvironment, "USERNAME", userName);
        Sz(volatileEnvironment, "USERPROFILE", profile);
        Key(root, @"Control Panel\International");
        return root;
    }

    private static RegistryNode Key(RegistryNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('\\'))
            node = node.Child(part) ?? node.AddChild(part, Now);
        return node;
    }

    private static void Sz(RegistryNode key, string name, string value, int type = REG_SZ) => key.SetValue(name, type, StringData(value));

    private static void Dword(RegistryNode key, string name, uint value) => key.SetValue(name, REG_DWORD, BitConverter.GetBytes(value));
}
