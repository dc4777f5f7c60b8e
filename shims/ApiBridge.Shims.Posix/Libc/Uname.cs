using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Managed;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// uname. A Linux host answers itself. On a Windows host the guest is told it runs on the Linux a Windows machine
/// runs, WSL 2's kernel (<see cref="GuestLinuxVersion"/>, the release the managed view reports too), with the host's
/// DNS name as gethostname gives it and the NIS domain unset, "(none)" as getdomainname says there.
/// </summary>
[ShimLibrary("libc", "env")]
public static unsafe class Uname
{
    /// <summary>Each field of struct utsname is a char[65] (_UTSNAME_LENGTH); six of them, 390 bytes.</summary>
    public const int FieldLength = 65;

    /// <summary>The version string WSL 2's 5.15.153.1 kernel reports.</summary>
    public const string WslVersion = "#1 SMP Fri Mar 29 23:14:13 UTC 2024";

    /// <summary>int uname(struct utsname *buf) — 0; EFAULT for NULL.</summary>
    [ShimExport("uname")]
    public static int uname(byte* buf)
    {
        if (buf == null)
            return Fail(Errno.EFAULT);
        if (HostLibc.Available)
            return HostLibc.uname(buf) == 0 ? 0 : Fail(HostLibc.Errno);
        WindowsAnswer(buf, System.Net.Dns.GetHostName());
        return 0;
    }

    /// <summary>What a Windows host answers (public for the tests, which read it on Linux).</summary>
    public static void WindowsAnswer(byte* buf, string hostName)
    {
        var machine = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64";
        string[] fields = ["Linux", hostName, GuestLinuxVersion.WslRelease, WslVersion, machine, "(none)"];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = new Span<byte>(buf + i * FieldLength, FieldLength);
            field.Clear();
            // The kernel keeps at most 64 bytes of a name; the 65th is always the terminator.
            var bytes = Encoding.UTF8.GetBytes(fields[i]);
            bytes.AsSpan(0, Math.Min(bytes.Length, FieldLength - 1)).CopyTo(field);
        }
    }
}
