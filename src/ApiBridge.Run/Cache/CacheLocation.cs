namespace ApiBridge.Run.Cache;

/// <summary>Where the run cache lives and where a guest's entry sits in it.</summary>
public static class CacheLocation
{
    public const string DirectoryVariable = "APIBRIDGE_CACHE";

    /// <summary>The cache folder a run uses: the one it was given (made absolute), else <see cref="DefaultDirectory"/>.</summary>
    public static string Resolve(string? configured) =>
        configured is null ? DefaultDirectory() : Path.GetFullPath(configured);

    /// <summary><c>$APIBRIDGE_CACHE</c>, else <c>$XDG_CACHE_HOME/apibridge</c>, else the user's cache folder.</summary>
    public static string DefaultDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(configured))
            return Path.GetFullPath(configured);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
            return Path.Combine(xdg, "apibridge");
        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "apibridge", "cache")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "apibridge");
    }
}
