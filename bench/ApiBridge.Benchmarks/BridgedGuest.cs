using System.Reflection;
using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Benchmarks;

/// <summary>
/// The bench guest rewritten with this build's payload (into a folder beside the benchmark) and loaded,
/// once per process: benchmarks call its methods through delegates, like the direct baselines.
/// </summary>
public static class BridgedGuest
{
    private static readonly Lazy<Assembly> Loaded = new(Load);

    public static Assembly Assembly => Loaded.Value;

    public static T Method<T>(string type, string name) where T : Delegate =>
        Assembly.GetType("BenchGuest." + type, throwOnError: true)!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static Assembly Load()
    {
        var original = Path.Combine(AppContext.BaseDirectory, "guest-original", "BenchGuest.dll");
        var output = Path.Combine(Path.GetTempPath(), "apibridge-bench", $"guest-{Environment.ProcessId}");
        using (var payload = BridgePayload.Locate())
            new AppRewriter(payload).Rewrite(original, output, new RewriteOptions { Force = true });
        // ApiBridge.Runtime and the shims are already beside the benchmark (under the same names as in payload/): only the guest comes from the output folder.
        return Assembly.LoadFrom(Path.Combine(output, "BenchGuest.dll"));
    }
}
