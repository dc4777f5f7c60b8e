using ApiBridge.Core;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Fuzzing;

/// <summary>
/// <c>FuzzHarness &lt;work folder&gt; &lt;seed&gt; &lt;first index&gt; &lt;end index&gt; &lt;timeout ms&gt; &lt;input&gt;...</c>
/// For each index, mutates input[index % inputs] with the seed derived from (seed, index), analyzes and rewrites it
/// in-process, and prints one line per input (protocol read by <see cref="FuzzDriver"/>):
/// <c>BEGIN i description</c>, then <c>END i success|refused</c>, <c>FAIL i reason</c>, or <c>HANG i</c> (and exit 3).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var work = args[0];
        var seed = int.Parse(args[1]);
        var first = int.Parse(args[2]);
        var end = int.Parse(args[3]);
        var timeout = TimeSpan.FromMilliseconds(int.Parse(args[4]));
        var inputs = args[5..].Select(p => (Name: Path.GetFileName(p), Mutator: new Mutator(File.ReadAllBytes(p)))).ToList();
        using var payload = BridgePayload.Locate();
        var analyzer = new Analyzer(payload);
        var rewriter = new AppRewriter(payload);
        var stdout = Console.Out;

        for (var index = first; index < end; index++)
        {
            var (name, mutator) = inputs[index % inputs.Count];
            var (bytes, description) = mutator.Mutate(FuzzDriver.InputSeed(seed, index));
            var folder = Path.Combine(work, index.ToString());
            var inputFolder = Path.Combine(folder, "in");
            Directory.CreateDirectory(inputFolder);
            var input = Path.Combine(inputFolder, name);
            File.WriteAllBytes(input, bytes);
            var output = Path.Combine(folder, "out");
            stdout.WriteLine($"BEGIN {index} {name} {description}");
            stdout.Flush();

            string? verdict = null;
            var thread = new Thread(() => verdict = Check(analyzer, rewriter, input, output, folder)) { IsBackground = true }; // default stack, like the CLI's workers
            thread.Start();
            if (!thread.Join(timeout))
            {
                stdout.WriteLine($"HANG {index} no outcome after {timeout.TotalMilliseconds:0} ms");
                stdout.Flush();
                return 3;
            }
            stdout.WriteLine($"{verdict} ");
            stdout.Flush();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        return 0;

        string Check(Analyzer analyzer, AppRewriter rewriter, string input, string output, string folder)
        {
            var index = Path.GetFileName(folder);
            try
            {
                var analyzed = Outcome(() => analyzer.Analyze(input));
                if (analyzed is not null)
                    return $"FAIL {index} analyze: {analyzed}";
                string? refusal = null;
                try
                {
                    rewriter.Rewrite(input, output);
                }
                catch (GuestInputException error)
                {
                    refusal = error.Message;
                }
                var litter = Directory.GetFileSystemEntries(folder, ".apibridge-*");
                if (litter.Length > 0)
                    return $"FAIL {index} rewrite left {Path.GetFileName(litter[0])} behind";
                if (refusal is not null)
                {
                    if (Directory.Exists(output))
                        return $"FAIL {index} refused rewrite left an output folder: {refusal}";
                    if (refusal.Contains('\n') || refusal.Length == 0)
                        return $"FAIL {index} refusal is not one line: {refusal.Replace('\n', '|')}";
                    return $"END {index} refused {refusal}";
                }
                // What was written must read back as a clean assembly.
                var reread = Outcome(() => analyzer.Analyze(Path.Combine(output, Path.GetFileName(input))));
                if (reread is not null)
                    return $"FAIL {index} output does not read back: {reread}";
                return $"END {index} success";
            }
            catch (Exception error)
            {
                return $"FAIL {index} {Describe(error)}";
            }
        }
    }

    /// <summary>Null when the action succeeds or refuses the input with a one-line GuestInputException.</summary>
    private static string? Outcome(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (GuestInputException error) when (!error.Message.Contains('\n'))
        {
            return null;
        }
        catch (Exception error)
        {
            return Describe(error);
        }
    }

    private static string Describe(Exception error)
    {
        var frames = (error.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4);
        return $"{error.GetType().FullName}: {error.Message.Replace('\n', ' ')} @ {string.Join(" < ", frames)}";
    }
}
