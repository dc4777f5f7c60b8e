namespace ApiBridge.Cli.Reports;

/// <summary>
/// The one-line progress display of long work (a folder's rewrite or analysis):
/// <c>[#########.....................] 12/40 System.Text.Json.dll</c> — assemblies done of all, and the one being
/// worked on — redrawn in place. Only on a terminal: redirected output (a log, a pipe, CI) gets nothing, not even a
/// carriage return. Work of a handful of assemblies or fewer shows nothing either: it is over before a line helps.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    public const int Handful = 8;
    public const int BarWidth = 30;
    public const int NameWidth = 40;

    // Redrawing for every assembly of a 200-assembly runtime pack would cost more than it shows.
    private const long RedrawMilliseconds = 100;

    // Back to the line's start, then erase to its end: a shorter line leaves nothing of the longer one before it.
    private const string Rewind = "\r\u001b[K";

    private readonly TextWriter writer;
    private readonly bool terminal;
    private readonly Func<long> milliseconds;
    private readonly object gate = new();
    private long lastDraw;
    private bool drawn;

    /// <param name="writer">Where the line goes (stderr, so that stdout stays the report).</param>
    /// <param name="terminal">False when <paramref name="writer"/> is redirected: nothing is ever written then.</param>
    /// <param name="milliseconds">A clock for the redraw interval (default: <see cref="Environment.TickCount64"/>).</param>
    public ProgressLine(TextWriter writer, bool terminal, Func<long>? milliseconds = null)
    {
        this.writer = writer;
        this.terminal = terminal;
        this.milliseconds = milliseconds ?? (() => Environment.TickCount64);
    }

    /// <summary>The line for <paramref name="completed"/> of <paramref name="total"/> with <paramref name="current"/>'s file name (none: no name).</summary>
    public static string Render(int completed, int total, string? current)
    {
        completed = Math.Clamp(completed, 0, Math.Max(total, 0));
        var filled = total > 0 ? completed * BarWidth / total : 0;
        var name = current is null ? "" : Path.GetFileName(current.TrimEnd('/', '\\'));
        if (name.Length > NameWidth)
            name = name[..(NameWidth - 3)] + "...";
        var line = $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {completed}/{total}";
        return name.Length > 0 ? line + " " + name : line;
    }

    /// <summary>Shows the state, unless the last drawing is under 100 ms old (the last assembly's is always drawn).</summary>
    public void Show(int completed, int total, string? current)
    {
        if (!terminal || total <= Handful)
            return;
        lock (gate)
        {
            var now = milliseconds();
            if (drawn && completed < total && now - lastDraw < RedrawMilliseconds)
                return;
            lastDraw = now;
            writer.Write(Rewind + Render(completed, total, current));
            writer.Flush();
            drawn = true;
        }
    }

    /// <summary>Erases the line, so that what is printed next starts on a clean one.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (!drawn)
                return;
            writer.Write(Rewind);
            writer.Flush();
            drawn = false;
        }
    }
}
