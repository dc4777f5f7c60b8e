using ApiBridge.Cli.Reports;

namespace ApiBridge.Cli.Tests;

/// <summary>The progress line's text, its redraw interval, its erasure, and its silence off a terminal or for short work.</summary>
public sealed class ProgressLineTests
{
    private const string Rewind = "\r\u001b[K";

    [Theory]
    [InlineData(0, 40, "/app/System.Text.Json.dll", "[..............................] 0/40 System.Text.Json.dll")]
    [InlineData(12, 40, "/app/System.Text.Json.dll", "[#########.....................] 12/40 System.Text.Json.dll")]
    [InlineData(40, 40, null, "[##############################] 40/40")]
    [InlineData(3, 9, "/app/runtimes/unix/lib/net10.0/Lib.dll", "[##########....................] 3/9 Lib.dll")]
    public void A_line_shows_the_bar_done_of_total_and_the_current_assemblys_name(int completed, int total, string? current, string expected) =>
        Assert.Equal(expected, ProgressLine.Render(completed, total, current));

    [Fact]
    public void A_long_name_is_cut_to_the_name_column()
    {
        var line = ProgressLine.Render(1, 10, "/app/" + new string('n', 60) + ".dll");
        Assert.EndsWith(" " + new string('n', ProgressLine.NameWidth - 3) + "...", line);
    }

    [Fact]
    public void On_a_terminal_each_state_is_drawn_over_the_last_and_erased_at_the_end()
    {
        var clock = 0L;
        var output = new StringWriter();
        using (var line = new ProgressLine(output, terminal: true, () => clock))
        {
            line.Show(0, 20, "/app/A.dll");
            clock += 150;
            line.Show(1, 20, "/app/B.dll");
            Assert.Equal(Rewind + ProgressLine.Render(0, 20, "/app/A.dll") + Rewind + ProgressLine.Render(1, 20, "/app/B.dll"), output.ToString());
        }
        Assert.EndsWith("B.dll" + Rewind, output.ToString());
    }

    [Fact]
    public void Updates_within_100_ms_are_skipped_but_the_last_assembly_is_always_drawn()
    {
        var output = new StringWriter();
        var line = new ProgressLine(output, terminal: true, () => 5);
        line.Show(0, 20, "/app/A.dll");
        line.Show(1, 20, "/app/B.dll");
        line.Show(20, 20, null);
        Assert.Equal(Rewind + ProgressLine.Render(0, 20, "/app/A.dll") + Rewind + ProgressLine.Render(20, 20, null), output.ToString());
    }

    [Fact]
    public void Redirected_output_gets_nothing_at_all()
    {
        var clock = 0L;
        var output = new StringWriter();
        using (var line = new ProgressLine(output, terminal: false, () => clock += 1000))
        {
            for (var i = 0; i <= 50; i++)
                line.Show(i, 50, $"/app/A{i}.dll");
        }
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Work_of_a_handful_of_assemblies_shows_nothing()
    {
        var output = new StringWriter();
        using (var line = new ProgressLine(output, terminal: true))
        {
            for (var i = 0; i <= ProgressLine.Handful; i++)
                line.Show(i, ProgressLine.Handful, "/app/A.dll");
        }
        Assert.Equal("", output.ToString());
    }
}
