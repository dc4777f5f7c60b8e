using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ApiBridge.Run.Starting;

/// <summary>execve(2): replaces this process with another program, keeping the process id and the standard streams.</summary>
public static unsafe partial class ProcessImage
{
    /// <summary>Replaces the process with <paramref name="start"/>'s program, arguments and environment; returns only on failure.</summary>
    public static void Replace(ProcessStartInfo start)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        var argv = new[] { start.FileName }.Concat(start.ArgumentList).ToList();
        var envp = start.Environment.Where(e => e.Value is not null).Select(e => $"{e.Key}={e.Value}").ToList();
        var native = new List<IntPtr>();
        try
        {
            var argvBlock = NullTerminated(argv, native);
            var envpBlock = NullTerminated(envp, native);
            execve(start.FileName, argvBlock, envpBlock);
        }
        finally
        {
            foreach (var pointer in native)
                Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static byte** NullTerminated(IReadOnlyList<string> items, List<IntPtr> owned)
    {
        var block = (byte**)Marshal.AllocCoTaskMem((items.Count + 1) * sizeof(IntPtr));
        owned.Add((IntPtr)block);
        for (var i = 0; i < items.Count; i++)
        {
            var item = Marshal.StringToCoTaskMemUTF8(items[i]);
            owned.Add(item);
            block[i] = (byte*)item;
        }
        block[items.Count] = null;
        return block;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int execve(string path, byte** argv, byte** envp);
}
