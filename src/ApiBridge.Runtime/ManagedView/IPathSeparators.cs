namespace ApiBridge.Runtime.ManagedView;

/// <summary>What a guest platform's path syntax says about separators and roots, for <see cref="PathJoining{TSyntax}"/>.</summary>
public interface IPathSeparators
{
    /// <summary>The separator put between parts (<c>\</c> on Windows, <c>/</c> on Linux).</summary>
    static abstract char Separator { get; }

    /// <summary>Whether a character separates parts (<c>\</c> and <c>/</c> on Windows, <c>/</c> on Linux).</summary>
    static abstract bool IsSeparator(char c);

    /// <summary>Whether a part is rooted, so <c>Path.Combine</c> restarts at it.</summary>
    static abstract bool IsRooted(ReadOnlySpan<char> path);
}
