namespace ApiBridge.Runtime;

/// <summary>
/// Put on every assembly ApiBridge rewrites: the "already rewritten" marker that makes a second rewrite a
/// no-op, and the record of which platform's API the guest was written against.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class BridgedAssemblyAttribute : Attribute
{
    public BridgedAssemblyAttribute(string bridgeVersion, string guestPlatform)
    {
        BridgeVersion = bridgeVersion;
        GuestPlatform = guestPlatform;
    }

    /// <summary>Version of the ApiBridge rewriter that wrote the assembly.</summary>
    public string BridgeVersion { get; }

    /// <summary><c>windows</c> or <c>posix</c>: see <see cref="Runtime.GuestPlatform"/>.</summary>
    public string GuestPlatform { get; }
}
