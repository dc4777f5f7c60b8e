namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// Where the registry lives: the prefix folder, by the same rule as the guest file system
/// (<c>APIBRIDGE_PREFIX</c>, else <c>~/.apibridge</c>), and the guest's user name (the profile folder under
/// <c>C:\users</c>). Kept here, small, until the file-system view exposes one accessor both can use.
/// </summary>
public static class RegistryPrefix
{
    public const string PrefixVariable = ApiBridge.Runtime.BridgeVariables.Prefix;

    public static string FromEnvironment()
    {
        var prefix = Environment.GetEnvironmentVariable(PrefixVariable);
        if (string.IsNullOrEmpty(prefix))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home))
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            prefix = Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".apibridge");
        }
        return Path.GetFullPath(prefix);
    }

    /// <summary>The guest's user name: the host's, or <c>user</c> when it is not a valid Windows file name.</summary>
    public static string UserName()
    {
        var name = Environment.UserName;
        return string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['<', '>', ':', '"', '/', '\\', '|', '?', '*']) >= 0 ? "user" : name;
    }
}
