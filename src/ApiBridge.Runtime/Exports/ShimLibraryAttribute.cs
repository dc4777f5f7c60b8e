namespace ApiBridge.Runtime.Exports;

/// <summary>
/// Marks a static class as the implementation of (part of) a native library's exports.
/// The rewriter discovers shims by reading these attributes from the shim assemblies with Cecil;
/// there is no hand-kept list of what is implemented.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ShimLibraryAttribute : Attribute
{
    /// <param name="library">Normalized library name as guests import it: <c>kernel32</c>, <c>advapi32</c>, <c>libc</c>.</param>
    /// <param name="channel">Relay tracing channel of the class's exports (<c>time</c>, <c>env</c>, <c>file</c> …).</param>
    public ShimLibraryAttribute(string library, string channel)
    {
        Library = library;
        Channel = channel;
    }

    public string Library { get; }

    public string Channel { get; }
}
