using System.Security.Cryptography;
using System.Text;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Sync.Shared;

/// <summary>What creating or opening a name found.</summary>
internal enum NameLookup
{
    Created,
    Existing,
    /// <summary>The name is live with an object of another kind: ERROR_INVALID_HANDLE.</summary>
    WrongKind,
    /// <summary>Open of a name that is not live: ERROR_FILE_NOT_FOUND.</summary>
    Missing,
}

/// <summary>
/// The named events, mutexes and semaphores of a prefix, shared by all its processes as a Windows session shares
/// them: one <see cref="ObjectFile"/> per name in <c>PREFIX/named-objects</c> (the file's name is a hash of the
/// object's name, so any name fits). A name is live while some process holds presence on its file; the first
/// Create of a name nobody holds (new, or left by processes that have all ended) writes the object afresh. Files are
/// never deleted: a process could be opening one at that moment; they are a few bytes each. Linux hosts only
/// (<c>F_OFD_*</c> locks, <c>/proc</c>); elsewhere <see cref="NamedObjects"/> keeps names within the process.
/// </summary>
internal sealed class SharedNamespace(string folder)
{
    public const string FolderName = "named-objects";

    // The prefix as the environment names it (not the file services' view, which an unusable prefix makes fail): a
    // folder that cannot be made later fails the Create*W alone, with ERROR_ACCESS_DENIED.
    private static readonly Lazy<SharedNamespace?> current = new(() => OperatingSystem.IsLinux()
        ? new SharedNamespace(Path.Combine(FileSystemOptions.FromEnvironment().Prefix, FolderName))
        : null);

    // This process's open objects by key: every handle of one name shares one file (and so one OFD presence lock).
    private readonly Dictionary<string, SharedObject> open = new(StringComparer.Ordinal);

    /// <summary>The prefix's namespace on a Linux host; null elsewhere.</summary>
    public static SharedNamespace? Current => current.Value;

    public string Folder { get; } = folder;

    /// <summary>
    /// A new handle to the object named <paramref name="name"/>: created from <paramref name="initial"/> when the name
    /// is not live and <paramref name="create"/> is set (a Create*W), else the live object, whose state is left alone.
    /// </summary>
    public SyncHandle? CreateOrOpen(string name, SharedState initial, bool create, out NameLookup lookup)
    {
        var key = NamedObjects.Key(name);
        lock (open)
        {
            if (open.TryGetValue(key, out var known))
            {
                lookup = known.Kind == initial.Kind ? NameLookup.Existing : NameLookup.WrongKind;
                return lookup == NameLookup.Existing ? known.Open() : null;
            }
            Directory.CreateDirectory(Folder);
            var file = ObjectFile.Open(Path.Combine(Folder, FileName(key)), out var errno)
                ?? throw new IOException($"Opening the named object file for '{name}' in {Folder} failed: errno {errno}");
            lookup = file.Update(state =>
            {
                NameLookup found;
                if (state.Kind != SharedKind.None && file.OthersPresent())
                    found = state.Kind == initial.Kind ? NameLookup.Existing : NameLookup.WrongKind;
                else
                    found = create ? NameLookup.Created : NameLookup.Missing;
                if (found is NameLookup.Existing or NameLookup.Created)
                    file.MarkPresent(); // under the state lock: no other process may find it dead in between
                return (found == NameLookup.Created ? initial : state, found);
            });
            if (lookup is NameLookup.WrongKind or NameLookup.Missing)
            {
                file.Dispose();
                return null;
            }
            var made = new SharedObject(this, key, initial.Kind, file);
            open.Add(key, made);
            return made.Open();
        }
    }

    /// <summary>One handle closed; the process's last one ends its presence (and so, if it was the last process, the object).</summary>
    internal void Close(SharedObject closing)
    {
        lock (open)
        {
            if (!closing.DropHandle())
                return;
            if (open.TryGetValue(closing.Key, out var current) && ReferenceEquals(current, closing))
                open.Remove(closing.Key);
            // Within the lock: a Create of the name by another thread must find this process's presence gone.
            closing.File.Dispose();
        }
    }

    private static string FileName(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
}
