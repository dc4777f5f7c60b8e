using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Testing;

/// <summary>Replacement of WindowsOnly.Api.BeepKind: same members, same values.</summary>
[ShimType("WindowsOnly.Api.BeepKind", "test")]
public enum TestBeepKind
{
    Short = 1,
    Long = 2,
}

/// <summary>Replacement of WindowsOnly.Api.Beeper with the same public surface and working members.</summary>
[ShimType("WindowsOnly.Api.Beeper", "test")]
public sealed class TestBeeper : IDisposable
{
    public static readonly TestBeeper Default = new("default");

    private TestBeeper(string name) => Name = name;

    public string Name { get; }

    public static int Disposed { get; private set; }

    public static TestBeeper Open(string name) => new(name);

    public int Beep(TestBeepKind kind, int times) => (int)kind * times;

    public void Dispose() => Disposed++;
}
