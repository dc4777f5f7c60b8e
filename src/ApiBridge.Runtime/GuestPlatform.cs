using System.Reflection;

namespace ApiBridge.Runtime;

/// <summary>
/// Which platform's API the guest was written against. The rewriter records it in the guest
/// (<see cref="BridgedAssemblyAttribute"/>); it decides rules such as case-insensitive environment names.
/// Overridable with <c>APIBRIDGE_GUEST_PLATFORM</c>.
/// </summary>
public static class GuestPlatform
{
    public const string Windows = "windows";
    public const string Posix = "posix";

    private static readonly Lazy<string> Current = new(Detect);

    public static bool IsWindows => Current.Value == Windows;

    public static string Name => Current.Value;

    private static string Detect()
    {
        var configured = System.Environment.GetEnvironmentVariable("APIBRIDGE_GUEST_PLATFORM");
        if (configured is Windows or Posix)
            return configured;
        var entry = Assembly.GetEntryAssembly();
        var recorded = entry?.GetCustomAttribute<BridgedAssemblyAttribute>()?.GuestPlatform;
        return recorded == Posix ? Posix : Windows;
    }
}
