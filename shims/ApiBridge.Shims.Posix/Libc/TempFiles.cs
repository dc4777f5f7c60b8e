using System.Security.Cryptography;
using System.Text;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// mkstemp, mkdtemp and tmpnam: glibc's way of finding a fresh name (six random letters and digits in place of the
/// template's XXXXXX, tried until an exclusive create succeeds), through the shims' own open and mkdir, so the names,
/// modes and errno are the view's like any other create.
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe class TempFiles
{
    /// <summary>TMP_MAX: how many names glibc tries before giving up with EEXIST.</summary>
    public const int TMP_MAX = 238328;

    /// <summary>L_tmpnam: the buffer tmpnam needs.</summary>
    public const int L_tmpnam = 20;

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>
    /// int mkstemp(char *template) — a new file (O_RDWR|O_CREAT|O_EXCL, mode 0600) whose name replaces the template's
    /// last six characters, which must be XXXXXX (else EINVAL, template untouched); the descriptor, the template
    /// holding the name.
    /// </summary>
    [ShimExport("mkstemp")]
    [ShimExport("mkstemp64")]
    public static int mkstemp(byte* template) => Generate(template, t => Files.open((byte*)t, O_RDWR | O_CREAT | O_EXCL, 0x180));

    /// <summary>char *mkdtemp(char *template) — the same for a folder (mode 0700): the template, or NULL with errno.</summary>
    [ShimExport("mkdtemp")]
    public static byte* mkdtemp(byte* template) =>
        Generate(template, t => Files.mkdir((byte*)t, 0x1C0)) < 0 ? null : template;

    [ThreadStatic] private static byte* tmpnamBuffer;

    /// <summary>
    /// char *tmpnam(char *s) — a name in /tmp ("/tmp/file" and six characters) that no entry has right now, in s (at
    /// least L_tmpnam bytes) or, for NULL, in a buffer of the calling thread; NULL when every name is taken.
    /// </summary>
    [ShimExport("tmpnam")]
    public static byte* tmpnam(byte* s)
    {
        if (s == null)
            s = tmpnamBuffer != null ? tmpnamBuffer : tmpnamBuffer = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(L_tmpnam);
        var prefix = "/tmp/file"u8;
        prefix.CopyTo(new Span<byte>(s, prefix.Length));
        for (var i = 0; i < 6; i++)
            s[prefix.Length + i] = (byte)'X';
        s[prefix.Length + 6] = 0;
        var saved = ApiBridge.Runtime.LastError.Value;
        var found = Generate(s, t => PosixServices.View.Resolve(NativeStrings.Read((byte*)t)!, out var path) == 0
            && HostFiles.KindOf(path, follow: false) == EntryKind.Missing && !path.CaseConflict ? 0 : Fail(Errno.EEXIST));
        ApiBridge.Runtime.LastError.Set(saved);
        return found < 0 ? null : s;
    }

    /// <summary>
    /// Fills the template's XXXXXX with random names and calls <paramref name="create"/> until it succeeds or fails
    /// with anything but EEXIST; its result (errno set by it, or EINVAL for a template without XXXXXX).
    /// </summary>
    private static int Generate(byte* template, Func<nint, int> create)
    {
        if (template == null)
            return Fail(Errno.EFAULT);
        var length = new ReadOnlySpan<byte>(template, int.MaxValue).IndexOf((byte)0);
        if (length < 6 || !new ReadOnlySpan<byte>(template + length - 6, 6).SequenceEqual("XXXXXX"u8))
            return Fail(Errno.EINVAL);
        var name = template + length - 6;
        Span<byte> random = stackalloc byte[6];
        for (var attempt = 0; attempt < TMP_MAX; attempt++)
        {
            RandomNumberGenerator.Fill(random);
            for (var i = 0; i < 6; i++)
                name[i] = (byte)Letters[random[i] % Letters.Length];
            var result = create((nint)template);
            if (result >= 0 || ApiBridge.Runtime.LastError.Value != Errno.EEXIST)
                return result;
        }
        return Fail(Errno.EEXIST);
    }
}
