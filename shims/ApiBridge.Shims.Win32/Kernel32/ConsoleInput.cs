using System.Collections.Concurrent;
using System.Text;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The characters a console input handle has read from the terminal but not yet handed out: a read may ask for fewer
/// characters than a line holds, and a UTF-8 sequence may arrive split. In line mode the terminal's "\n" becomes the
/// "\r\n" ReadConsoleW returns on Windows.
/// </summary>
internal static unsafe class ConsoleInput
{
    public const uint ENABLE_LINE_INPUT = 0x2;

    private sealed class State
    {
        public readonly Decoder Decoder = new UTF8Encoding(false).GetDecoder();
        public readonly StringBuilder Pending = new();
    }

    private static readonly ConcurrentDictionary<nint, State> States = new();

    /// <summary>Characters copied to <paramref name="target"/> (0 at the end of input), or a negated Win32 error.</summary>
    public static int Read(nint handle, OpenFile file, Span<char> target, bool lineMode)
    {
        if (target.IsEmpty)
            return 0;
        var state = States.GetOrAdd(handle, _ => new State());
        lock (state)
        {
            var bytes = stackalloc byte[1024];
            var chars = new char[1024 + 1];
            while (state.Pending.Length == 0)
            {
                var n = file.Host.Read(bytes, 1024, untilFull: false);
                if (n < 0)
                    return (int)n;
                if (n == 0)
                    return 0;
                var count = state.Decoder.GetChars(new ReadOnlySpan<byte>(bytes, (int)n), chars, flush: false);
                foreach (var c in chars.AsSpan(0, count))
                {
                    if (lineMode && c == '\n')
                        state.Pending.Append('\r');
                    state.Pending.Append(c);
                }
            }
            var taken = Math.Min(target.Length, state.Pending.Length);
            state.Pending.CopyTo(0, target, taken);
            state.Pending.Remove(0, taken);
            return taken;
        }
    }

    /// <summary>Characters already read plus the bytes the terminal holds (a byte per character: the usual, ASCII case).</summary>
    public static int Waiting(nint handle, OpenFile file)
    {
        var pending = 0;
        if (States.TryGetValue(handle, out var state))
            lock (state)
                pending = state.Pending.Length;
        return pending + (Posix.Available ? PosixTerminal.BytesAvailable((int)file.Value) : 0);
    }

    /// <summary>A closed handle's unread characters go with it: the value may name another terminal next.</summary>
    public static void Forget(nint handle) => States.TryRemove(handle, out _);
}
