using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The console's input and output code pages: GetConsoleCP, GetConsoleOutputCP, SetConsoleCP, SetConsoleOutputCP, which
/// programs (the Windows build of System.Console among them) read to choose the encoding of what they write. Both
/// start at 65001 (UTF-8), not the OEM code page of a Windows console: the bytes a bridged guest writes go to a host
/// terminal that reads UTF-8, and a guest that encodes for 437 would show anything beyond ASCII wrongly there. A set
/// value is kept for the process. Contracts (Microsoft docs): a code page the host cannot encode, or a UTF-16/UTF-32
/// one (a console code page is byte-oriented), is FALSE with ERROR_INVALID_PARAMETER and changes nothing.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static class ConsoleCodePages
{
    public const uint CP_UTF8 = 65001;

    private static uint input = CP_UTF8, output = CP_UTF8;

    /// <summary>UINT GetConsoleCP(void)</summary>
    [ShimExport("GetConsoleCP")]
    public static uint GetConsoleCP() => Volatile.Read(ref input);

    /// <summary>UINT GetConsoleOutputCP(void)</summary>
    [ShimExport("GetConsoleOutputCP")]
    public static uint GetConsoleOutputCP() => Volatile.Read(ref output);

    /// <summary>BOOL SetConsoleCP(UINT wCodePageID)</summary>
    [ShimExport("SetConsoleCP")]
    public static int SetConsoleCP(uint codePage) => Set(ref input, codePage);

    /// <summary>BOOL SetConsoleOutputCP(UINT wCodePageID)</summary>
    [ShimExport("SetConsoleOutputCP")]
    public static int SetConsoleOutputCP(uint codePage) => Set(ref output, codePage);

    private static int Set(ref uint slot, uint codePage)
    {
        if (!IsConsoleCodePage(codePage))
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        Volatile.Write(ref slot, codePage);
        return 1;
    }

    /// <summary>A byte-oriented code page the host can encode: .NET's own encodings and the Windows code pages of System.Text.Encoding.CodePages.</summary>
    internal static bool IsConsoleCodePage(uint codePage)
    {
        if (codePage is 0 or 1200 or 1201 or 12000 or 12001 or > 65535)
            return false;
        if (CodePagesEncodingProvider.Instance.GetEncoding((int)codePage) is not null)
            return true;
        try
        {
            return Encoding.GetEncoding((int)codePage) is not null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
