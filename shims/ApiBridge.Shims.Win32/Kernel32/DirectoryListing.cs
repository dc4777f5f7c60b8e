using System.Runtime.CompilerServices;
using ApiBridge.Shims.Win32.FileSystem;
using static ApiBridge.Shims.Win32.Native.FileInfoClass;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The directory classes of GetFileInformationByHandleEx (FileIdBothDirectoryInfo, FileFullDirectoryInfo,
/// FileIdExtdDirectoryInfo and their Restart forms) on a folder handle. Each call returns as many entries as fit,
/// each 8-byte aligned and chained by NextEntryOffset (0 on the last), and the next call goes on after them; at the
/// end ERROR_NO_MORE_FILES. The entries are a snapshot of the folder taken by the first call (or a Restart class), in
/// FindFirstFileW's order: <c>.</c> and <c>..</c> first outside a drive root, then NTFS order. No 8.3 short names are
/// made (ShortNameLength 0, as on a volume with short names off); FileIndex is 0, as NTFS leaves it.
/// </summary>
internal static unsafe class DirectoryListing
{
    /// <summary>One class's entry layout: sizeof (the minimum buffer) and where FileName starts.</summary>
    public sealed record EntryLayout(int Size, int NameOffset, int Kind);

    private const int Full = 0, IdBoth = 1, IdExtd = 2;

    // FILE_FULL_DIR_INFO: FileName at 68, sizeof 72; FILE_ID_BOTH_DIR_INFO: ShortNameLength 68, ShortName 70,
    // FileId 96, FileName 104, sizeof 112; FILE_ID_EXTD_DIR_INFO: ReparsePointTag 68, FileId (128 bits) 72, FileName 88, sizeof 96.
    private static readonly EntryLayout FullLayout = new(72, 68, Full), IdBothLayout = new(112, 104, IdBoth), IdExtdLayout = new(96, 88, IdExtd);

    public static EntryLayout? Layout(int informationClass) => informationClass switch
    {
        FileFullDirectoryInfo or FileFullDirectoryRestartInfo => FullLayout,
        FileIdBothDirectoryInfo or FileIdBothDirectoryRestartInfo => IdBothLayout,
        FileIdExtdDirectoryInfo or FileIdExtdDirectoryRestartInfo => IdExtdLayout,
        _ => null,
    };

    /// <summary>Where a folder handle's listing stands; it lives as long as the handle's object.</summary>
    private sealed class Cursor
    {
        public FindSearch? Search;
        public FindSearch.Entry? Pending;

        public bool TryPeek(out FindSearch.Entry entry)
        {
            if (Pending is { } pending)
            {
                entry = pending;
                return true;
            }
            if (Search is not null && Search.TryNext(out entry))
            {
                Pending = entry;
                return true;
            }
            entry = default;
            return false;
        }
    }

    private static readonly ConditionalWeakTable<OpenFile, Cursor> Cursors = new();

    /// <summary>Fills <paramref name="buffer"/> (at least <see cref="EntryLayout.Size"/> bytes) with the next entries; 0 or the Win32 error.</summary>
    public static int Fill(OpenFile open, EntryLayout layout, bool restart, byte* buffer, uint size)
    {
        // A file handle has no listing (NT's STATUS_INVALID_PARAMETER); listing needs FILE_LIST_DIRECTORY (= FILE_READ_DATA).
        if (open.Kind != FileKind.Directory)
            return Win32Error.ERROR_INVALID_PARAMETER;
        if ((open.Access & FileAccessRights.FILE_READ_DATA) == 0)
            return Win32Error.ERROR_ACCESS_DENIED;
        var cursor = Cursors.GetValue(open, _ => new Cursor());
        lock (cursor)
        {
            if (restart || cursor.Search is null)
            {
                var error = Start(open, out var search);
                if (error != 0)
                    return error;
                cursor.Search = search;
                cursor.Pending = null;
            }
            long offset = 0, previous = -1;
            while (cursor.TryPeek(out var entry))
            {
                var need = layout.NameOffset + entry.Name.Length * 2;
                if (offset + need > size)
                {
                    if (previous >= 0)
                        break;
                    // Not even one whole entry fits: its fixed part and as much of the name as fits, the full length,
                    // and ERROR_MORE_DATA (NT's STATUS_BUFFER_OVERFLOW). The entry stays first, so a retry with a
                    // bigger buffer gets it.
                    var room = (int)((size - layout.NameOffset) / 2);
                    Write(layout, buffer, entry, room);
                    return Win32Error.ERROR_MORE_DATA;
                }
                Write(layout, buffer + offset, entry, entry.Name.Length);
                if (previous >= 0)
                    *(uint*)(buffer + previous) = (uint)(offset - previous);
                cursor.Pending = null;
                previous = offset;
                offset = (offset + need + 7) & ~7L;
            }
            return previous >= 0 ? 0 : Win32Error.ERROR_NO_MORE_FILES;
        }
    }

    private static int Start(OpenFile open, out FindSearch? search)
    {
        search = null;
        var fs = GuestFileSystem.Current;
        var folder = fs.ToWindows(open.HostPath);
        if (folder is null)
            return Win32Error.ERROR_INVALID_PARAMETER;
        var error = FindSearch.Start(fs, folder.TrimEnd('\\') + @"\*", (s, n) => FileShim.Attributes(s, n), out var found);
        if (error == Win32Error.ERROR_FILE_NOT_FOUND)
            return 0; // an empty drive root: nothing to list, ERROR_NO_MORE_FILES at once
        if (error != 0)
            return error;
        search = found;
        return 0;
    }

    /// <summary>One entry with <paramref name="nameChars"/> characters of its name; NextEntryOffset 0 until a next one is written.</summary>
    private static void Write(EntryLayout layout, byte* at, in FindSearch.Entry entry, int nameChars)
    {
        var stat = entry.Stat;
        new Span<byte>(at, layout.NameOffset).Clear();
        *(long*)(at + 8) = stat.CreationTime;
        *(long*)(at + 16) = stat.AccessTime;
        *(long*)(at + 24) = stat.WriteTime;
        *(long*)(at + 32) = stat.ChangeTime;
        *(long*)(at + 40) = FileInfoQueries.EndOfFile(stat);
        *(long*)(at + 48) = FileInfoQueries.AllocationSize(stat);
        *(uint*)(at + 56) = entry.Attributes;
        *(uint*)(at + 60) = (uint)entry.Name.Length * 2;
        switch (layout.Kind)
        {
            case IdBoth:
                *(ulong*)(at + 96) = stat.Inode;
                break;
            case IdExtd:
                *(ulong*)(at + 72) = stat.Inode;
                break;
        }
        entry.Name.AsSpan(0, nameChars).CopyTo(new Span<char>(at + layout.NameOffset, nameChars));
    }
}
