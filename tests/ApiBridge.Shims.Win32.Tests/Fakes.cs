using ApiBridge.Runtime;
using ApiBridge.Runtime.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>Tests that replace or read the process-global <see cref="Bridge"/> services run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BridgeCollection
{
    public const string Name = "Bridge services";
}

/// <summary>Base of tests in <see cref="BridgeCollection"/>: puts the default services back afterwards.</summary>
public abstract class BridgeTest : IDisposable
{
    protected static void Use(IClock clock) => Bridge.Configure(s => s.AddSingleton(clock));

    protected static void Use(IProcessEnvironment environment) => Bridge.Configure(s => s.AddSingleton(environment));

    protected static void Use(IClock clock, IProcessEnvironment environment) =>
        Bridge.Configure(s => s.AddSingleton(clock).AddSingleton(environment));

    public void Dispose()
    {
        Bridge.Configure(null);
        GC.SuppressFinalize(this);
    }
}

/// <summary>An environment block in memory with Windows rules (case-insensitive names that keep their first spelling).</summary>
public sealed class FakeEnvironment : IProcessEnvironment
{
    private readonly List<KeyValuePair<string, string>> variables = new();

    public FakeEnvironment(params string[] arguments) => Arguments = arguments;

    public IReadOnlyList<string> Arguments { get; set; }
    public int ProcessId { get; set; } = 4242;
    public int CurrentThreadId { get; set; } = 77;
    public List<int> Exits { get; } = new();

    public string? GetVariable(string name) => variables.Find(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public void SetVariable(string name, string? value)
    {
        var index = variables.FindIndex(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase));
        if (value is null)
        {
            if (index >= 0)
                variables.RemoveAt(index);
            return;
        }
        if (index >= 0)
            variables[index] = new(variables[index].Key, value);
        else
            variables.Add(new(name, value));
    }

    public IReadOnlyList<KeyValuePair<string, string>> GetVariables() => variables.ToArray();

    public void Exit(int exitCode) => Exits.Add(exitCode);

    public FakeEnvironment With(string name, string value)
    {
        SetVariable(name, value);
        return this;
    }
}
