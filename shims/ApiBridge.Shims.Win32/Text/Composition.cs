namespace ApiBridge.Shims.Win32.Text;

/// <summary>
/// Composing a base character with the combining marks after it (WC_COMPOSITECHECK) and decomposing precomposed
/// characters (MB_COMPOSITE), pair by pair from <see cref="Triples"/>. Marks are taken in the order given (no
/// canonical reordering), which is how Windows describes the flag: "A + ¨ + ¨ combines to Ä + ¨".
/// </summary>
internal static partial class Composition
{
    private static readonly Dictionary<(char Base, char Mark), char> Composed = new();
    private static readonly Dictionary<char, (char Base, char Mark)> Decomposed = new();

    static Composition()
    {
        for (var i = 0; i < Triples.Length; i += 3)
        {
            var (b, m, c) = ((char)Triples[i], (char)Triples[i + 1], (char)Triples[i + 2]);
            Composed[(b, m)] = c;
            Decomposed[c] = (b, m);
        }
    }

    public static string Compose(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (result.Length > 0 && Composed.TryGetValue((result[^1], c), out var composed))
                result[^1] = composed;
            else
                result.Append(c);
        }
        return result.ToString();
    }

    public static string Decompose(string text)
    {
        var result = new System.Text.StringBuilder(text.Length * 2);
        foreach (var c in text)
            Append(result, c);
        return result.ToString();
    }

    private static void Append(System.Text.StringBuilder result, char c)
    {
        if (Decomposed.TryGetValue(c, out var pair))
        {
            Append(result, pair.Base);   // ǖ is ü + macron, ü is u + diaeresis
            result.Append(pair.Mark);
        }
        else
        {
            result.Append(c);
        }
    }
}
