namespace ApiBridge.Runtime.Services;

/// <summary>The guest process's identity and environment block.</summary>
public interface IProcessEnvironment
{
    /// <summary>The variable's value, or null when it is not set. Windows guests match names case-insensitively.</summary>
    string? GetVariable(string name);

    /// <summary>Sets the variable, or removes it when <paramref name="value"/> is null.</summary>
    void SetVariable(string name, string? value);

    /// <summary>Every variable, in the order the host reports them.</summary>
    IReadOnlyList<KeyValuePair<string, string>> GetVariables();

    /// <summary>The guest's argv: the program's host path first, then its arguments exactly as given.</summary>
    IReadOnlyList<string> Arguments { get; }

    int ProcessId { get; }

    int CurrentThreadId { get; }

    /// <summary>Ends the process with the exit code, as ExitProcess or exit do.</summary>
    void Exit(int exitCode);
}
