namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// A registry file in the prefix cannot be read: names the file and the line. The file is left exactly as it is
/// (never replaced by defaults); fix or remove it and run again.
/// </summary>
public sealed class RegistryFileException : IOException
{
    public RegistryFileException(string filePath, int lineNumber, string problem)
        : base($"{filePath}:{lineNumber}: {problem} (the registry file was not changed; fix or remove it)")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Problem = problem;
    }

    public string FilePath { get; }

    public int LineNumber { get; }

    public string Problem { get; }
}
