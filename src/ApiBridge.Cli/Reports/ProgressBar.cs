using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Reports;

/// <summary>
/// A one-line progress bar on stderr for rewrites of more than a handful of assemblies. Drawn only on a terminal
/// (redirected stderr gets nothing), redrawn at most every 100 ms, erased when done.
/// </summary>
internal sealed class ProgressBar : IProgress<RewriteProgress>, IDisposable
{
    private const int Handful = 8;
    private const int Width = 30;
    private readonly object gate = new();
    private long lastDraw;
    private bool drawn;

    public static ProgressBar? ForTerminal() => Console.IsErrorRedirected ? null : new ProgressBar();

    public void Report(RewriteProgress value)
    {
        if (value.Total <= Handful)
            return;
        lock (gate)
        {
            var now = Environment.TickCount64;
            if (value.Completed != value.Total && now - lastDraw < 100)
                return;
            lastDraw = now;
            var filled = value.Completed * Width / value.Total;
            var name = Path.GetFileName(value.Last.SourcePath);
            if (name.Length > 40)
                name = name[..37] + "...";
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {value.Completed}/{value.Total} {name,-40}");
            drawn = true;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (drawn)
                Console.Error.Write("\r" + new string(' ', Width + 60) + "\r");
        }
    }
}
