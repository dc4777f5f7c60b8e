using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Services;
using ApiBridge.Shims.Win32.Processes;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The process's command line as Windows shows it: built once from <see cref="Bridge.Environment"/>'s arguments
/// (program path rendered by <see cref="WindowsPathView.ProgramFromHost"/>, arguments quoted by
/// <see cref="WindowsCommandLine.Build"/>) into buffers that live as long as the process, as kernel32's do.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class CommandLine
{
    private static readonly object Gate = new();
    private static Buffers? current;

    /// <summary>LPWSTR GetCommandLineW(void)</summary>
    [ShimExport("GetCommandLineW")]
    public static char* GetCommandLineW() => (char*)For(Bridge.Environment).Wide;

    /// <summary>LPSTR GetCommandLineA(void) — the same line in UTF-8.</summary>
    [ShimExport("GetCommandLineA")]
    public static byte* GetCommandLineA() => (byte*)For(Bridge.Environment).Narrow;

    /// <summary>The Windows command line of <paramref name="environment"/>'s arguments.</summary>
    public static string Render(IProcessEnvironment environment)
    {
        var arguments = environment.Arguments;
        if (arguments.Count == 0)
            return string.Empty;
        var rendered = new string[arguments.Count];
        rendered[0] = WindowsPathView.ProgramFromHost(GuestProgram.HostPath(environment));
        for (var i = 1; i < rendered.Length; i++)
            rendered[i] = arguments[i];
        return WindowsCommandLine.Build(rendered);
    }

    private static Buffers For(IProcessEnvironment environment)
    {
        var buffers = Volatile.Read(ref current);
        if (buffers is not null && ReferenceEquals(buffers.Owner, environment))
            return buffers;
        lock (Gate)
        {
            buffers = current;
            if (buffers is not null && ReferenceEquals(buffers.Owner, environment))
                return buffers;
            // A replaced environment (a test, a host reconfiguring the bridge) gets new buffers; the old ones are
            // kept, never freed, since a guest may still hold their pointers.
            // A guest started by a bridged parent sees exactly the line the parent passed to CreateProcessW.
            var line = environment is HostProcessEnvironment && GuestStartup.CommandLine is { } inherited ? inherited : Render(environment);
            buffers = new Buffers(environment, line);
            Volatile.Write(ref current, buffers);
            return buffers;
        }
    }

    private sealed class Buffers
    {
        public Buffers(IProcessEnvironment owner, string line)
        {
            Owner = owner;
            Wide = (nint)NativeMemory.Alloc((nuint)line.Length + 1, sizeof(char));
            line.AsSpan().CopyTo(new Span<char>((void*)Wide, line.Length));
            ((char*)Wide)[line.Length] = '\0';
            var length = Encoding.UTF8.GetByteCount(line);
            Narrow = (nint)NativeMemory.Alloc((nuint)length + 1);
            Encoding.UTF8.GetBytes(line, new Span<byte>((void*)Narrow, length));
            ((byte*)Narrow)[length] = 0;
        }

        public IProcessEnvironment Owner { get; }
        public nint Wide { get; }
        public nint Narrow { get; }
    }
}
