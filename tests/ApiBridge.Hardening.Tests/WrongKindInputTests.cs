namespace ApiBridge.Hardening.Tests;

/// <summary>
/// Whole inputs of the kinds users actually hand the CLI by mistake (an SDK reference assembly, a truncated download,
/// a native program, a text file named .dll, a folder of nothing else), through the real CLI: every verb exits 2 with
/// one line that names the file and what it is, and leaves no output folder, no cache entry and no staging folder.
/// </summary>
public sealed class WrongKindInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Kinds => new() { "sdk-reference", "truncated-app", "elf-program", "elf-named-dll", "text-dll", "folder-of-such" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_verb_refuses_it_with_exit_2_and_one_line_naming_the_file(string kind)
    {
        var work = Paths.NewFolder("wrong-kind");
        try
        {
            var (input, named, expected) = Make(kind, work);
            var failures = new List<string>();
            foreach (var verb in new[] { "analyze", "rewrite", "run" })
            {
                if (verb == "run" && kind == "folder-of-such")
                    continue; // run takes an assembly, never a folder (its own refusal, tested by the CLI tests)
                var output = Path.Combine(work, "out-" + verb);
                var cache = Path.Combine(work, "cache-" + verb);
                var result = verb switch
                {
                    "analyze" => Cli.Run(Timeout, "analyze", input),
                    "rewrite" => Cli.Run(Timeout, "rewrite", input, "-o", output),
                    _ => Cli.Run(Timeout, "run", "--cache-dir", cache, input),
                };
                var line = result.StdErr.TrimEnd('\n');
                if (result.ExitCode != 2)
                    failures.Add($"{verb}: exit {result.ExitCode}\n{result}");
                else if (line.Contains('\n') || !line.StartsWith("apibridge: ", StringComparison.Ordinal))
                    failures.Add($"{verb}: not one 'apibridge: ' line: {line}");
                else if (!line.Contains(named, StringComparison.Ordinal) || !line.Contains(expected, StringComparison.Ordinal))
                    failures.Add($"{verb}: the line should name {named} and say '{expected}': {line}");
                if (Directory.Exists(output))
                    failures.Add($"{verb}: left an output folder");
                if (Directory.Exists(cache) && Directory.EnumerateFileSystemEntries(cache).Any())
                    failures.Add($"{verb}: left a cache entry {Directory.EnumerateFileSystemEntries(cache).First()}");
                if (result.StdOut.Contains("Run it with", StringComparison.Ordinal))
                    failures.Add($"{verb}: printed a run hint for refused input");
            }
            Assert.True(failures.Count == 0, $"{kind}:\n" + string.Join("\n", failures));
        }
        finally
        {
            Paths.Delete(work);
        }
    }

    [Fact]
    public void Run_refuses_a_library_that_rewrite_accepts()
    {
        var work = Paths.NewFolder("library");
        try
        {
            var library = Path.Combine(work, "DeclarationVariants.dll");
            File.Copy(Paths.Variants, library);
            var cache = Path.Combine(work, "cache");

            var run = Cli.Run(Timeout, "run", "--cache-dir", cache, library);
            var rewrite = Cli.Run(Timeout, "rewrite", library, "-o", Path.Combine(work, "out"));

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("a library (no Main method)", run.StdErr);
            Assert.False(Directory.Exists(cache) && Directory.EnumerateFileSystemEntries(cache).Any());
            Assert.Equal(0, rewrite.ExitCode);
            Assert.DoesNotContain("Run it with", rewrite.StdOut); // a library has nothing to start
        }
        finally
        {
            Paths.Delete(work);
        }
    }

    /// <returns>The input path, the name its refusal must mention, and what it must say the file is.</returns>
    private static (string Input, string Named, string Expected) Make(string kind, string work)
    {
        var folder = Path.Combine(work, "in");
        Directory.CreateDirectory(folder);
        switch (kind)
        {
            case "sdk-reference":
                var reference = Path.Combine(folder, "System.Runtime.dll");
                File.Copy(SdkReference("System.Runtime.dll"), reference);
                return (reference, "System.Runtime.dll", "a reference assembly");
            case "truncated-app":
                var app = Paths.CopyTinyGuest(folder); // with its runtimeconfig: an app whose download was cut short
                File.WriteAllBytes(app, File.ReadAllBytes(app)[..3000]);
                return (app, "TinyGuest.dll", "truncated: 3,000 bytes");
            case "elf-program":
                var program = Path.Combine(folder, "ls");
                File.Copy("/bin/ls", program);
                return (program, "ls", "a native ELF binary");
            case "elf-named-dll":
                var library = Path.Combine(folder, "libtool.dll");
                File.Copy("/bin/ls", library);
                return (library, "libtool.dll", "a native ELF binary");
            case "text-dll":
                var text = Path.Combine(folder, "x.dll");
                File.WriteAllText(text, "hello\n");
                return (text, "x.dll", "a text file");
            default:
                File.WriteAllText(Path.Combine(folder, "x.dll"), "hello\n");
                File.Copy("/bin/ls", Path.Combine(folder, "tool.exe"));
                File.Copy(SdkReference("System.Runtime.dll"), Path.Combine(folder, "System.Runtime.dll"));
                return (folder, "tool.exe is a native ELF binary", "no .NET assembly that can be rewritten");
        }
    }

    private static string SdkReference(string name)
    {
        var packs = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref");
        return Directory.GetFiles(packs, name, SearchOption.AllDirectories)
            .First(f => f.Contains($"{Path.DirectorySeparatorChar}ref{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }
}
