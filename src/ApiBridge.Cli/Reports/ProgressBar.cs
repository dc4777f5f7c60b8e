using ApiBridge.Core.Analysis;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Reports;

/// <summary>
/// A one-line progress bar on stderr for rewrites and analyses of more than a handful of assemblies. Drawn only on a terminal
/// (redirected stderr gets nothing), redrawn at most every 100 ms, erased when done.
/// </summary>
internal sealed class ProgressBar : IProgress<RewriteProgress>, IProgress<AnalysisProgress>, IDisposable
{
    private const int Handful = 8;
    private const int Width = 30;
    private readonly object gate = new();
    private long lastDraw;
    private bool drawn;

    public static ProgressBar? ForTerminal() => Console.IsErrorRedirected ? null : new ProgressBar();

    public void Report(RewriteProgress value) => Draw(value.Completed, value.Total, value.Last.SourcePath);

    public void Report(AnalysisProgress value) => Draw(value.Completed, value.Total, value.Current);

    private void Draw(int completed, int total, string path)
    {
        if (total <= Handful)
            return;
        lock (gate)
        {
            var now = Environment.TickCount64;
            if (completed != total && now - lastDraw < 100)
                return;
            lastDraw = now;
            var filled = completed * Width / total;
            var name = Path.GetFileName(path);
            if (name.Length > 40)
                name = name[..37] + "...";
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {completed}/{total} {name,-40}");
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
