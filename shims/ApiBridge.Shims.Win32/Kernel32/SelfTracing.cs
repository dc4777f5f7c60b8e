using System.Reflection;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Tracing;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Relay flags of the kernel32 functions that trace themselves (<c>[ShimExport(CannotFail = true)]</c>): guest calls
/// reach those shims with no adapter in between, so no adapter's relay can log them. Each flag is a
/// <c>static readonly bool</c> set once from <c>APIBRIDGE_TRACE</c>; once this class is initialized the JIT folds it
/// to a constant, so an untraced call pays nothing and the shim stays small enough to be inlined into the guest.
/// </summary>
internal static class SelfTracing
{
    public static readonly bool GetTickCount = IsOn(typeof(Time), nameof(GetTickCount));
    public static readonly bool GetTickCount64 = IsOn(typeof(Time), nameof(GetTickCount64));
    public static readonly bool GetCurrentProcessId = IsOn(typeof(ProcessBasics), nameof(GetCurrentProcessId));
    public static readonly bool GetCurrentThreadId = IsOn(typeof(ProcessBasics), nameof(GetCurrentThreadId));
    public static readonly bool GetCurrentProcess = IsOn(typeof(ProcessBasics), nameof(GetCurrentProcess));
    public static readonly bool GetCurrentThread = IsOn(typeof(ProcessBasics), nameof(GetCurrentThread));

    /// <summary>Logs one call of an argument-less export of <paramref name="shim"/>, on that class's channel.</summary>
    public static void Log(Type shim, string function, object result)
    {
        var library = Library(shim);
        Relay.CallWithoutArguments(library.Channel, library.Library, function, result);
    }

    // The channel comes from the shim class's own [ShimLibrary], as the rewriter's relay flags do: never a second copy.
    // With tracing off (the usual case) the attribute is not even read: no reflection at start-up.
    private static bool IsOn(Type shim, string function) => Relay.Enabled && Relay.IsOn(Library(shim).Channel, function);

    private static ShimLibraryAttribute Library(Type shim) => shim.GetCustomAttribute<ShimLibraryAttribute>()!;
}
