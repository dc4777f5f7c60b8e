using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// strsignal and psignal: glibc's English descriptions of the signals, the same on every host (a Windows host has no
/// signal names of its own to offer). psignal writes to the guest's descriptor 2, wherever the guest has pointed it.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class SignalNames
{
    private static readonly string?[] Descriptions =
    [
        null, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted", "Bus error",
        "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault", "User defined signal 2",
        "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continued", "Stopped (signal)",
        "Stopped", "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded",
        "File size limit exceeded", "Virtual timer expired", "Profiling timer expired", "Window changed", "I/O possible",
        "Power failure", "Bad system call",
    ];

    /// <summary>glibc's description of a signal number; "Real-time signal n" counts from SIGRTMIN, "Unknown signal n" for the rest (32 and 33 too).</summary>
    public static string Describe(int sig)
    {
        if (sig > 0 && sig < Descriptions.Length)
            return Descriptions[sig]!;
        if (sig is >= SignalSets.SIGRTMIN and <= SignalSets.SIGRTMAX)
            return $"Real-time signal {sig - SignalSets.SIGRTMIN}";
        return $"Unknown signal {sig}";
    }

    /// <summary>
    /// char *strsignal(int sig) — never NULL. A signal's text lives as long as the process (glibc's lasts until the
    /// next call, so a guest that keeps it loses nothing); an unknown number's is in a buffer of the calling thread.
    /// </summary>
    [ShimExport("strsignal")]
    public static byte* strsignal(int sig) =>
        sig is > 0 and <= SignalSets.SIGRTMAX ? NativeStrings.Persistent(Describe(sig)) : NativeStrings.Fill(ref unknownBuffer, Describe(sig));

    /// <summary>Where an unknown number's text goes: one buffer per thread, as glibc keeps it.</summary>
    [ThreadStatic] private static byte* unknownBuffer;

    /// <summary>void psignal(int sig, const char *s) — "s: description\n" on standard error; a NULL or empty s: the description alone.</summary>
    [ShimExport("psignal")]
    public static void psignal(int sig, byte* s) => WriteError(NativeStrings.Read(s), Describe(sig));

    /// <summary>Writes "prefix: text\n" (or "text\n") to the guest's descriptor 2, leaving errno as it was: these calls report nothing.</summary>
    internal static void WriteError(string? prefix, string text)
    {
        var saved = LastError.Value;
        var bytes = Encoding.UTF8.GetBytes(string.IsNullOrEmpty(prefix) ? text + "\n" : prefix + ": " + text + "\n");
        fixed (byte* p = bytes)
            Files.write(2, p, (nuint)bytes.Length);
        LastError.Set(saved);
    }
}
