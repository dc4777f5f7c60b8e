namespace ApiBridge.Run.Isolation;

/// <summary>
/// Landlock's access rights (linux/landlock.h) and which ABI version brought each: a ruleset may only handle the rights
/// the running kernel knows, so the handled set is cut to <see cref="HandledFileSystem"/> of the kernel's ABI.
/// </summary>
internal static class LandlockAccess
{
    public const ulong Execute = 1 << 0;
    public const ulong WriteFile = 1 << 1;
    public const ulong ReadFile = 1 << 2;
    public const ulong ReadDir = 1 << 3;
    public const ulong RemoveDir = 1 << 4;
    public const ulong RemoveFile = 1 << 5;
    public const ulong MakeChar = 1 << 6;
    public const ulong MakeDir = 1 << 7;
    public const ulong MakeReg = 1 << 8;
    public const ulong MakeSock = 1 << 9;
    public const ulong MakeFifo = 1 << 10;
    public const ulong MakeBlock = 1 << 11;
    public const ulong MakeSym = 1 << 12;
    public const ulong Refer = 1 << 13;     // ABI 2: link or rename a file across folders
    public const ulong Truncate = 1 << 14;  // ABI 3
    public const ulong IoctlDev = 1 << 15;  // ABI 5: ioctl on device files opened in the domain

    public const ulong BindTcp = 1 << 0;    // ABI 4, network
    public const ulong ConnectTcp = 1 << 1; // ABI 4, network

    public const ulong ScopeAbstractUnixSocket = 1 << 0; // ABI 6
    public const ulong ScopeSignal = 1 << 1;             // ABI 6

    /// <summary>The rights a rule on a file (not a folder) may name; the kernel refuses a file rule with any other.</summary>
    public const ulong FileRights = Execute | WriteFile | ReadFile | Truncate | IoctlDev;

    public const ulong ReadOnly = ReadFile | ReadDir;
    public const ulong ReadExecute = ReadOnly | Execute;

    /// <summary>
    /// Everything a read-write folder allows, except making device nodes: a device made in the prefix (which root
    /// could do) would open the disk beneath every other rule.
    /// </summary>
    public const ulong ReadWrite = ReadExecute | WriteFile | RemoveDir | RemoveFile | MakeDir | MakeReg | MakeSock | MakeFifo
        | MakeSym | Refer | Truncate | IoctlDev;

    /// <summary>The file-system rights ABI <paramref name="abi"/> handles: everything it knows, so nothing known stays allowed.</summary>
    public static ulong HandledFileSystem(int abi)
    {
        var handled = (MakeSym << 1) - 1; // ABI 1: Execute … MakeSym
        if (abi >= 2) handled |= Refer;
        if (abi >= 3) handled |= Truncate;
        if (abi >= 5) handled |= IoctlDev;
        return handled;
    }

    /// <summary>TCP bind and connect are handled (so denied, no rule allows them) from ABI 4 on.</summary>
    public static ulong HandledNetwork(int abi) => abi >= 4 ? BindTcp | ConnectTcp : 0;

    /// <summary>From ABI 6 the guest can neither signal processes outside its domain nor reach their abstract unix sockets.</summary>
    public static ulong Scopes(int abi, bool allowNetwork) =>
        abi < 6 ? 0 : ScopeSignal | (allowNetwork ? 0 : ScopeAbstractUnixSocket);
}
