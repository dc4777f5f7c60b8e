using System.Collections.Concurrent;
using System.Text;

namespace ApiBridge.Shims.Win32.Text;

/// <summary>
/// The code pages kernel32 converts with: UTF-8 and UTF-7 from the runtime, the Windows ANSI, OEM, Mac and DBCS pages
/// from System.Text.Encoding.CodePages (part of the shared framework, so no package; its tables are Windows' own,
/// best-fit mappings included). The provider is asked directly, never registered, so the guest's own
/// Encoding.GetEncoding keeps the runtime's answer. The system pages are those Wine reports for an English locale.
/// </summary>
internal static class CodePageTable
{
    public const uint CP_ACP = 0, CP_OEMCP = 1, CP_MACCP = 2, CP_THREAD_ACP = 3, CP_UTF7 = 65000, CP_UTF8 = 65001;
    public const uint Ansi = 1252, Oem = 437, Mac = 10000;

    private static readonly ConcurrentDictionary<uint, CodePage?> Pages = new();

    /// <summary>The page a CP_ACP/CP_OEMCP/CP_MACCP/CP_THREAD_ACP alias stands for; any other value is itself.</summary>
    public static uint Resolve(uint codePage) => codePage switch
    {
        CP_ACP or CP_THREAD_ACP => Ansi,
        CP_OEMCP => Oem,
        CP_MACCP => Mac,
        _ => codePage,
    };

    /// <summary>A page the conversions accept (aliases resolved); false for unknown pages and for UTF-16/UTF-32, which kernel32 does not convert.</summary>
    public static bool TryGet(uint codePage, out CodePage page)
    {
        page = Pages.GetOrAdd(Resolve(codePage), Load)!;
        return page is not null;
    }

    private static CodePage? Load(uint id)
    {
        if (id is 1200 or 1201 or 12000 or 12001 or > 65535)
            return null;
        if (id == CP_UTF8)
            return new CodePage(id, new UTF8Encoding(false), CodePageKind.Utf8, []);
        if (id == CP_UTF7)
#pragma warning disable SYSLIB0001 // UTF-7 is obsolete in .NET, but kernel32 still converts it.
            return new CodePage(id, new UTF7Encoding(), CodePageKind.Utf7, []);
#pragma warning restore SYSLIB0001
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding((int)id) ?? Builtin((int)id);
        if (encoding is null)
            return null;
        var leadBytes = encoding.IsSingleByte ? [] : LeadBytes(encoding);
        return new CodePage(id, encoding, leadBytes.Length == 0 ? CodePageKind.SingleByte : CodePageKind.DoubleByte, leadBytes);
    }

    /// <summary>ASCII (20127) and Latin-1 (28591) are the runtime's own, not the provider's.</summary>
    private static Encoding? Builtin(int id) => id switch
    {
        20127 or 28591 => Encoding.GetEncoding(id),
        _ => null,
    };

    /// <summary>
    /// The lead bytes of a double-byte page: the bytes its decoder holds back, waiting for a trail byte, rather than
    /// decoding on their own.
    /// </summary>
    private static byte[] LeadBytes(Encoding encoding)
    {
        var leads = new List<byte>();
        var chars = new char[4];
        for (var b = 0x80; b <= 0xFF; b++)
        {
            var decoder = encoding.GetDecoder();
            if (decoder.GetChars([(byte)b], chars, flush: false) == 0)
                leads.Add((byte)b);
        }
        return [.. leads];
    }
}
