namespace ApiBridge.Core.Analysis;

/// <summary>How a declaration's strings cross to native code.</summary>
public enum StringCharSet
{
    /// <summary>UTF-16 (<c>CharSet.Unicode</c>, and <c>CharSet.Auto</c> for Windows guests).</summary>
    Unicode,

    /// <summary>The ANSI code page (<c>CharSet.Ansi</c>, the default); UTF-8 on the hosts .NET runs on outside Windows.</summary>
    Ansi,
}
