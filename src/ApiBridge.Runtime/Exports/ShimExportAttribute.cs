namespace ApiBridge.Runtime.Exports;

/// <summary>
/// Marks a public static method of a <see cref="ShimLibraryAttribute"/> class as the implementation of one
/// exported entry point. The method takes the native ABI shape of the export (pointers, 32-bit BOOL as
/// <see cref="int"/>, handles as <see cref="IntPtr"/>), like the C prototype in the platform headers; the
/// rewriter generates an adapter from each guest declaration's managed types to it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ShimExportAttribute : Attribute
{
    public ShimExportAttribute(string entryPoint) => EntryPoint = entryPoint;

    /// <summary>The exact exported name, with its <c>W</c>/<c>A</c> suffix where the export has one.</summary>
    public string EntryPoint { get; }

    /// <summary>
    /// The function never fails and never sets the last error (GetTickCount64, GetCurrentProcessId …), and the
    /// shim traces its own calls (a <c>static readonly</c> flag from <c>Relay.IsOn</c>, which the JIT folds). The
    /// rewriter then gives its adapters no relay of their own, and a guest call whose declaration has the shim's
    /// exact shape and asks for no last error calls the shim directly: no adapter between them, so the JIT can
    /// inline the shim into the guest's code.
    /// </summary>
    public bool CannotFail { get; init; }

    /// <summary>
    /// The export is bound but always answers with the platform's own refusal on the host the bridge runs on
    /// (<c>fork</c> → ENOSYS, <c>SetLocalTime</c> → ERROR_PRIVILEGE_NOT_HELD): the reason, in a few words, which
    /// <c>analyze</c> shows as <c>bound (refuses: reason)</c> so users see it before running.
    /// </summary>
    public string? Refuses { get; init; }

    /// <summary>
    /// The index of the first parameter that takes C variadic arguments (fcntl's and ioctl's arg), or -1. Guests
    /// declare such a slot with whatever type they pass there — an int for one command, a pointer for another — and
    /// the x86-64 ABI passes each in a 64-bit register; the shim takes the register's width (nint, long), and the
    /// rewriter widens a narrower integer argument into it (sign-extended when the guest's type is signed).
    /// </summary>
    public int VariadicFrom { get; init; } = -1;
}
