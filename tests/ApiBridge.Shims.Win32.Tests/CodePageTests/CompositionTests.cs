using ApiBridge.Shims.Win32.Text;

namespace ApiBridge.Shims.Win32.Tests.CodePageTests;

/// <summary>
/// The built-in composition tables behind WC_COMPOSITECHECK and MB_COMPOSITE, which must not depend on ICU (a guest
/// built with InvariantGlobalization makes string.Normalize a no-op in its process).
/// </summary>
public sealed class CompositionTests
{
    [Theory]
    [InlineData("e\u0301", "\u00e9")]
    [InlineData("u\u0308\u0304", "\u01d6")]         // ǖ: ü first, then the macron
    [InlineData("A\u0308\u0308", "\u00c4\u0308")]   // "A + ¨ + ¨ combines to Ä + ¨" (the documentation's example)
    [InlineData("\u0301e", "\u0301e")]              // a mark with no base before it stays
    [InlineData("abc", "abc")]
    public void Compose_joins_a_base_with_the_marks_after_it(string input, string expected) =>
        Assert.Equal(expected, Composition.Compose(input));

    [Theory]
    [InlineData("\u00e9", "e\u0301")]
    [InlineData("\u01d6", "u\u0308\u0304")]
    [InlineData("\u00c7a", "C\u0327a")]
    public void Decompose_splits_down_to_the_base_character(string input, string expected) =>
        Assert.Equal(expected, Composition.Decompose(input));
}
