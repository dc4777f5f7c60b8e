using WindowsOnly.Api;

namespace DeclarationVariants;

/// <summary>Uses a Windows-only managed API in the ways real code does: statics, instances, properties, enums, generics, using, typeof.</summary>
public static class ManagedApiUser
{
    private static readonly List<Beeper> Opened = new();

    public static string UseBeeper()
    {
        using var beeper = Beeper.Open("x");
        Opened.Add(beeper);
        Opened.Add(Beeper.Default);
        var kind = BeepKind.Long;
        return $"{beeper.Name}:{beeper.Beep(kind, 3)}:{Opened.Count}:{Opened[1].Name}:{Describe(beeper)}";
    }

    private static string Describe(Beeper beeper) => beeper.Name.ToUpperInvariant();

    [Mentions(typeof(Beeper))]
    public static Type Mentioned() => typeof(Beeper);

    public static Type MentionedInAttribute() =>
        ((MentionsAttribute)typeof(ManagedApiUser).GetMethod(nameof(Mentioned))!.GetCustomAttributes(typeof(MentionsAttribute), false)[0]).Type;
}
