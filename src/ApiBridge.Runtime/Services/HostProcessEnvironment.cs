using System.Collections;
using System.Runtime.InteropServices;

namespace ApiBridge.Runtime.Services;

/// <summary>
/// The real process environment, seen with the guest platform's rules: Windows guests look names up
/// case-insensitively (Windows keeps one variable per case-folded name), POSIX guests case-sensitively.
/// Changes go to the process block itself, so the guest's own <see cref="Environment"/> calls and child
/// processes see them, as they would on the guest's platform.
/// </summary>
public sealed class HostProcessEnvironment : IProcessEnvironment
{
    private readonly bool caseInsensitiveNames;
    private readonly string[] arguments;

    // .NET cannot give a variable an empty value (setting "" removes it), but Windows and POSIX both can:
    // such variables are kept here, visible to the guest's shim calls (not to host APIs or child processes).
    private readonly HashSet<string> emptyValued = new(StringComparer.OrdinalIgnoreCase);
    private int emptyValuedCount;

    public HostProcessEnvironment(bool caseInsensitiveNames, IReadOnlyList<string>? arguments = null)
    {
        this.caseInsensitiveNames = caseInsensitiveNames;
        this.arguments = (arguments ?? Environment.GetCommandLineArgs()).ToArray();
    }

    public IReadOnlyList<string> Arguments => arguments;

    public int ProcessId => Environment.ProcessId;

    public int CurrentThreadId => HostThread.CurrentId;

    public string? GetVariable(string name)
    {
        // Empty-valued variables are rare: a read takes the lock only when there is one (the count is read unlocked;
        // a variable made empty by another thread at this very moment is seen by the next read).
        if (Volatile.Read(ref emptyValuedCount) > 0)
        {
            lock (emptyValued)
            {
                if (FindEmpty(name) is not null)
                    return string.Empty;
            }
        }
        var exact = Environment.GetEnvironmentVariable(name);
        if (exact is not null || !caseInsensitiveNames)
            return exact;
        var key = FindCaseInsensitive(name);
        return key is null ? null : Environment.GetEnvironmentVariable(key);
    }

    public void SetVariable(string name, string? value)
    {
        lock (emptyValued)
        {
            if (FindEmpty(name) is { } existing)
                emptyValued.Remove(existing);
            if (value == string.Empty)
            {
                emptyValued.Add(name);
                value = null;
            }
            Volatile.Write(ref emptyValuedCount, emptyValued.Count);
        }
        if (caseInsensitiveNames && Environment.GetEnvironmentVariable(name) is null)
        {
            // Windows keeps the case the variable was first created with.
            name = FindCaseInsensitive(name) ?? name;
        }
        Environment.SetEnvironmentVariable(name, value);
    }

    public IReadOnlyList<KeyValuePair<string, string>> GetVariables()
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            list.Add(new((string)entry.Key, (string?)entry.Value ?? string.Empty));
        lock (emptyValued)
        {
            foreach (var name in emptyValued)
                list.Add(new(name, string.Empty));
        }
        if (caseInsensitiveNames)
            list.Sort((a, b) => string.Compare(a.Key, b.Key, StringComparison.OrdinalIgnoreCase));
        return list;
    }

    public void Exit(int exitCode) => Environment.Exit(exitCode);

    private string? FindEmpty(string name)
    {
        foreach (var candidate in emptyValued)
        {
            if (string.Equals(candidate, name, caseInsensitiveNames ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                return candidate;
        }
        return null;
    }

    private static string? FindCaseInsensitive(string name)
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return key;
        }
        return null;
    }
}

/// <summary>The host operating system's id of the calling thread (what its debuggers and /proc show).</summary>
internal static partial class HostThread
{
    [ThreadStatic]
    private static int cachedId;

    public static int CurrentId => cachedId != 0 ? cachedId : (cachedId = QueryId());

    private static int QueryId()
    {
        try
        {
            if (OperatingSystem.IsWindows())
                return (int)WindowsGetCurrentThreadId();
            if (OperatingSystem.IsLinux())
                return LinuxGetTid();
        }
        catch (EntryPointNotFoundException)
        {
        }
        catch (DllNotFoundException)
        {
        }
        return Environment.CurrentManagedThreadId;
    }

    [DllImport("kernel32", EntryPoint = "GetCurrentThreadId", ExactSpelling = true)]
    private static extern uint WindowsGetCurrentThreadId();

    [DllImport("libc", EntryPoint = "gettid", ExactSpelling = true)]
    private static extern int LinuxGetTid();
}
