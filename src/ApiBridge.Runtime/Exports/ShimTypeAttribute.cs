namespace ApiBridge.Runtime.Exports;

/// <summary>
/// Marks a shim type as the replacement of a Windows-only managed type (<c>Microsoft.Win32.RegistryKey</c> …).
/// The rewriter retargets every reference to the original type in a guest (signatures, locals, fields, generic
/// arguments, member references, attributes) to the shim type, so the shim must offer the same public surface:
/// the same member names and signatures, with shim types in place of redirected ones.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum, AllowMultiple = false, Inherited = false)]
public sealed class ShimTypeAttribute : Attribute
{
    /// <param name="replacedType">Full name of the managed type replaced, as in metadata (<c>Microsoft.Win32.RegistryKey</c>).</param>
    /// <param name="channel">Relay tracing channel of the replacement (<c>registry</c> …).</param>
    public ShimTypeAttribute(string replacedType, string channel)
    {
        ReplacedType = replacedType;
        Channel = channel;
    }

    public string ReplacedType { get; }

    public string Channel { get; }
}
