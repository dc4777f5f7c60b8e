using ApiBridge.Shims.Posix.Native;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Posix.Support;

public enum DescriptionKind
{
    /// <summary>A regular file: a host <see cref="SafeFileHandle"/> used through <see cref="RandomAccess"/> at the description's offset.</summary>
    Regular,

    /// <summary>A directory opened with open(2): usable as an openat base, by fstat, fsync, close.</summary>
    Directory,

    /// <summary>A standard stream (0, 1, 2) or one end of a pipe: not seekable.</summary>
    Stream,
}

/// <summary>
/// An open file description (POSIX's term): what descriptors point to. dup'ed descriptors share one, so they
/// share the offset and the status flags, as POSIX requires; the host file is closed with the last descriptor.
/// </summary>
public sealed class OpenFileDescription
{
    private readonly Func<Stream>? openStream;
    private readonly IDisposable? owner;
    private Stream? stream;
    private int references = 1;

    private OpenFileDescription(DescriptionKind kind, int flags, string guestPath, string hostPath, SafeFileHandle? handle,
        IDisposable? owner, Func<Stream>? openStream)
    {
        Kind = kind;
        Flags = flags;
        GuestPath = guestPath;
        HostPath = hostPath;
        Handle = handle;
        this.owner = owner;
        this.openStream = openStream;
    }

    public DescriptionKind Kind { get; }

    /// <summary>The open(2) flags; fcntl(F_SETFL) changes the status flags among them (<see cref="SetStatusFlags"/>).</summary>
    public int Flags { get; private set; }

    /// <summary>The status flags F_SETFL may change on Linux: O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME.</summary>
    public const int ChangeableFlags = OpenFlags.O_APPEND | OpenFlags.O_NONBLOCK | 0x2000 | 0x4000 | 0x40000;

    /// <summary>fcntl(F_SETFL): the changeable status flags from <paramref name="flags"/>; the access mode and the rest stay.</summary>
    public void SetStatusFlags(int flags) => Flags = (Flags & ~ChangeableFlags) | (flags & ChangeableFlags);

    public string GuestPath { get; }

    public string HostPath { get; }

    /// <summary>The host handle of a <see cref="DescriptionKind.Regular"/> file (reads and writes use it through <see cref="RandomAccess"/>).</summary>
    public SafeFileHandle? Handle { get; }

    /// <summary>The file offset; guarded by <see cref="Gate"/>.</summary>
    public long Offset { get; set; }

    /// <summary>
    /// What a call holds while it uses and moves <see cref="Offset"/>. The descriptions opened with O_APPEND share
    /// one, process-wide: an append write finds the end and writes there as one step against every other appender
    /// in the process, whichever description or path it uses (POSIX: no modification between the two). The host
    /// writes at an explicit offset, so its own O_APPEND cannot do this.
    /// </summary>
    /// <remarks>
    /// A description F_SETFL turns O_APPEND on or off moves between its own gate and the shared one: a call already
    /// holding the old gate finishes under it, as a write that began before fcntl does on Linux.
    /// </remarks>
    public object Gate => Append ? AppendGate : ownGate;

    private static readonly object AppendGate = new();
    private readonly object ownGate = new();

    public int StandardStreamNumber { get; private init; } = -1;

    /// <summary>One end of a pipe made by pipe(2): a stream with no standard number.</summary>
    public bool IsPipe => Kind == DescriptionKind.Stream && StandardStreamNumber < 0 && Counter is null;

    /// <summary>The counter of an eventfd(2) descriptor; null for any other.</summary>
    public EventCounter? Counter { get; private init; }

    public bool CanRead => (Flags & OpenFlags.O_ACCMODE) is OpenFlags.O_RDONLY or OpenFlags.O_RDWR;

    public bool CanWrite => (Flags & OpenFlags.O_ACCMODE) is OpenFlags.O_WRONLY or OpenFlags.O_RDWR;

    public bool Append => (Flags & OpenFlags.O_APPEND) != 0;

    /// <summary>The host stream of a standard stream, opened on first use.</summary>
    public Stream Stream
    {
        get
        {
            if (stream is not null)
                return stream;
            lock (Gate)
                return stream ??= openStream!();
        }
    }

    /// <summary>A regular file open on <paramref name="handle"/>; closing the last descriptor disposes <paramref name="owner"/> (the handle or the stream that made it).</summary>
    public static OpenFileDescription ForFile(int flags, string guestPath, string hostPath, SafeFileHandle handle, IDisposable? owner = null) =>
        new(DescriptionKind.Regular, flags, guestPath, hostPath, handle, owner ?? handle, null);

    /// <summary>A regular file open through a <see cref="FileStream"/> (its handle is taken once: reading FileStream.SafeFileHandle re-syncs the OS position).</summary>
    public static OpenFileDescription ForFile(int flags, string guestPath, string hostPath, FileStream file) =>
        ForFile(flags, guestPath, hostPath, file.SafeFileHandle, file);

    public static OpenFileDescription ForDirectory(int flags, string guestPath, string hostPath) =>
        new(DescriptionKind.Directory, flags, guestPath, hostPath, null, null, null);

    public static OpenFileDescription ForStream(int number, int flags, Func<Stream> open) =>
        new(DescriptionKind.Stream, flags, "", "", null, null, open) { StandardStreamNumber = number };

    /// <summary>One end of a pipe (<paramref name="flags"/> O_RDONLY for the read end, O_WRONLY for the write end); closing its last descriptor closes the end.</summary>
    public static OpenFileDescription ForPipe(int flags, Stream end) =>
        new(DescriptionKind.Stream, flags, "", "", null, end, () => end);

    /// <summary>An eventfd descriptor's description (O_RDWR, with O_NONBLOCK when asked).</summary>
    public static OpenFileDescription ForEventCounter(int flags, EventCounter counter) =>
        new(DescriptionKind.Stream, flags, "", "", null, null, null) { Counter = counter };

    /// <summary>The standard streams of the process, as descriptors 0, 1 and 2.</summary>
    public static OpenFileDescription StandardStream(int number) => number switch
    {
        0 => ForStream(0, OpenFlags.O_RDONLY, Console.OpenStandardInput),
        1 => ForStream(1, OpenFlags.O_WRONLY, Console.OpenStandardOutput),
        2 => ForStream(2, OpenFlags.O_WRONLY, Console.OpenStandardError),
        _ => throw new ArgumentOutOfRangeException(nameof(number)),
    };

    internal void AddReference() => Interlocked.Increment(ref references);

    /// <summary>Drops one descriptor's reference; the last one closes the host file (never the process's standard streams).</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref references) == 0)
            owner?.Dispose();
    }
}
