using ApiBridge.Cli.Reports;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Tests;

/// <summary>What the rewrite's and the analysis's progress reports put on the line.</summary>
public sealed class ProgressBarTests
{
    private long clock;

    // Each report a redraw apart, so that every state is drawn; the last drawing is what the line shows then.
    private static string Last(StringWriter output) => output.ToString().Split("\r\u001b[K")[^1];

    [Fact]
    public void A_rewrite_shows_the_most_recently_started_assembly_still_in_hand()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, terminal: true, () => clock += 1000);
        bar.Report(new RewriteProgress(0, 12, "/app/A.dll", Done: false));
        bar.Report(new RewriteProgress(0, 12, "/app/B.dll", Done: false));
        Assert.Equal(ProgressLine.Render(0, 12, "B.dll"), Last(output));
        bar.Report(new RewriteProgress(1, 12, "/app/B.dll", Done: true));
        Assert.Equal(ProgressLine.Render(1, 12, "A.dll"), Last(output)); // B is done: A is what is still being worked on
        bar.Report(new RewriteProgress(2, 12, "/app/A.dll", Done: true));
        Assert.Equal(ProgressLine.Render(2, 12, null), Last(output));
    }

    [Fact]
    public void Counts_reported_out_of_order_by_parallel_workers_never_go_back()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, terminal: true, () => clock += 1000);
        bar.Report(new RewriteProgress(5, 12, "/app/A.dll", Done: true));
        bar.Report(new RewriteProgress(4, 12, "/app/C.dll", Done: false)); // read before A's increment, reported after
        Assert.Equal(ProgressLine.Render(5, 12, "C.dll"), Last(output));
    }

    [Fact]
    public void An_analysis_shows_the_assembly_it_is_on_and_no_name_once_all_are_done()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, terminal: true, () => clock += 1000);
        bar.Report(new AnalysisProgress(3, 10, "/app/Lib.dll"));
        Assert.Equal(ProgressLine.Render(3, 10, "Lib.dll"), Last(output));
        bar.Report(new AnalysisProgress(10, 10, "/app"));
        Assert.Equal(ProgressLine.Render(10, 10, null), Last(output));
        bar.Dispose();
        Assert.Equal("", Last(output));
    }

    [Fact]
    public void Redirected_stderr_gets_nothing_from_a_rewrite_or_an_analysis()
    {
        var output = new StringWriter();
        using (var bar = new ProgressBar(output, terminal: false, () => clock += 1000))
        {
            for (var i = 0; i < 20; i++)
            {
                bar.Report(new RewriteProgress(i, 20, $"/app/A{i}.dll", Done: false));
                bar.Report(new RewriteProgress(i + 1, 20, $"/app/A{i}.dll", Done: true));
                bar.Report(new AnalysisProgress(i, 20, $"/app/A{i}.dll"));
            }
        }
        Assert.Equal("", output.ToString());
    }
}
