namespace WinTimeGuest;

/// <summary>One line per fact, <c>name: value</c>, always with "\n" so transcripts compare across hosts.</summary>
internal static class Fact
{
    public static void Print(string name, object? value)
    {
        Console.Out.Write($"{name}: {value}\n");
    }
}
