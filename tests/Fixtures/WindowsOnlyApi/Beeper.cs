namespace WindowsOnly.Api;

public enum BeepKind
{
    Short = 1,
    Long = 2,
}

public sealed class Beeper : IDisposable
{
    public static readonly Beeper Default = null!;

    private Beeper()
    {
    }

    public string Name => throw new PlatformNotSupportedException();

    public static Beeper Open(string name) => throw new PlatformNotSupportedException();

    public int Beep(BeepKind kind, int times) => throw new PlatformNotSupportedException();

    public void Dispose() => throw new PlatformNotSupportedException();
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class MentionsAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
