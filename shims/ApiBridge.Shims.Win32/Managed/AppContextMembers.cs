using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>AppContext.BaseDirectory</c> where the user put the app (as under Wine), not the run cache the rewritten copy
/// starts from: files an app reads or writes "next to itself" are the user's, and nothing lands in the cache.
/// </summary>
[ShimMembers("System.AppContext", "windows", "env")]
public static class AppContextMembers
{
    public static string BaseDirectory
    {
        get
        {
            if (OperatingSystem.IsWindows())
                return AppContext.BaseDirectory;
            var folder = GuestProgram.WindowsFolder(Bridge.Environment);
            return folder is null ? Support.WindowsPathView.FromHost(AppContext.BaseDirectory) : folder + @"\";
        }
    }
}
