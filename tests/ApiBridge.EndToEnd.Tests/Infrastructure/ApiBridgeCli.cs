namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the built CLI, `dotnet src/ApiBridge.Cli/bin/&lt;Configuration&gt;/net10.0/apibridge.dll args...`.</summary>
public static class ApiBridgeCli
{
    public static string Dll => RepoPaths.CliDll;

    public static ProcessResult Run(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (!File.Exists(Dll))
        {
            throw new InvalidOperationException(
                $"The apibridge CLI is not built: {Dll} does not exist. " +
                $"Build it with `dotnet build src/ApiBridge.Cli -c {RepoPaths.Configuration}` (the test project references it for build order).");
        }
        return DotNet.Run(new[] { Dll }.Concat(args), stdin, timeout ?? TimeSpan.FromMinutes(3), workingDirectory, environment);
    }
}
