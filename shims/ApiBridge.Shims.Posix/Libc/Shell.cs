using System.Runtime.InteropServices;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// system(3): the guest's /bin/sh (through the view) runs the command as a child, as posix_spawn starts one, and the
/// call waits for it. A view without a shell (a Windows host's root folder has none unless the user puts one there)
/// answers as glibc does when the shell cannot run: system(NULL) is 0, and a command's status is that of a child
/// that called _exit(127).
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class Shell
{
    /// <summary>int system(const char *command) — the shell's wait status; NULL asks whether a shell is available (nonzero: yes).</summary>
    [ShimExport("system")]
    public static int system(byte* command)
    {
        var shell = FindShell();
        if (command == null)
            return shell is null ? 0 : 1;
        if (shell is null)
            return 127 << 8;
        var arguments = new[] { "sh", "-c", NativeStrings.Read(command)! }.Select(Marshal.StringToCoTaskMemUTF8).Append(0).ToArray();
        try
        {
            int error;
            System.Diagnostics.Process? child;
            fixed (nint* argv = arguments)
                error = Process.Start(shell, (byte**)argv, null, out child);
            if (error != 0)
                return 127 << 8;
            int status;
            return Process.waitpid(child!.Id, &status, 0) < 0 ? -1 : status;
        }
        finally
        {
            foreach (var argument in arguments.Where(a => a != 0))
                Marshal.FreeCoTaskMem(argument);
        }
    }

    private static string? FindShell() =>
        PosixServices.View.Resolve("/bin/sh", out var path) == 0 && HostFiles.KindOf(path, follow: true) == EntryKind.File ? path.Host : null;
}
