using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>CreateFileMappingW, MapViewOfFile and UnmapViewOfFile against Microsoft's documented contracts.</summary>
public sealed unsafe class FileMappingTests : FileSystemTest
{
    private const uint PAGE_READONLY = 2, PAGE_READWRITE = 4, FILE_MAP_WRITE = 2, FILE_MAP_READ = 4, FILE_MAP_COPY = 1;

    private static (nint Handle, int Error) Section(nint file, uint protect, long size, string? name = null)
    {
        Clear();
        fixed (char* n = name)
            return (FileMappings.CreateFileMappingW(file, 0, protect, (uint)(size >> 32), (uint)size, name is null ? null : n), Err);
    }

    private static (nint View, int Error) View(nint section, uint access, long offset = 0, long bytes = 0)
    {
        Clear();
        return (FileMappings.MapViewOfFile(section, access, (uint)(offset >> 32), (uint)offset, (nint)bytes), Err);
    }

    [Fact]
    public void A_view_of_a_file_reads_and_writes_the_file()
    {
        WriteHostFile("data.bin", "hello");
        var file = Create(@"C:\work\data.bin", GENERIC_READ | GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        var (section, error) = Section(file, PAGE_READWRITE, 0);
        Assert.NotEqual(0, section);
        Assert.Equal(0, error);
        var (view, _) = View(section, FILE_MAP_WRITE);
        Assert.Equal((byte)'h', ((byte*)view)[0]);
        ((byte*)view)[0] = (byte)'J';
        Assert.Equal(1, FileMappings.UnmapViewOfFile(view));
        Assert.True(Close(section));
        Assert.True(Close(file));
        Assert.Equal("Jello", File.ReadAllText(HostOf("data.bin")));
    }

    [Fact]
    public void A_page_file_section_is_shared_by_its_views_and_found_again_by_name()
    {
        var (section, _) = Section(-1, PAGE_READWRITE, 0x20000, "Local\\apibridge-test-section");
        var (again, error) = Section(-1, PAGE_READWRITE, 0x20000, "Local\\apibridge-test-section");
        Assert.Equal(183, error); // ERROR_ALREADY_EXISTS
        var (first, _) = View(section, FILE_MAP_WRITE);
        var (second, _) = View(again, FILE_MAP_READ, 0x10000, 0x1000);
        ((byte*)first)[0x10000] = 9;
        Assert.Equal(9, ((byte*)second)[0]);
        var (copy, _) = View(section, FILE_MAP_COPY);
        ((byte*)copy)[0x10000] = 1; // a copy-on-write view keeps its writes to itself
        Assert.Equal(9, ((byte*)first)[0x10000]);
        foreach (var view in new[] { first, second, copy })
            Assert.Equal(1, FileMappings.UnmapViewOfFile(view));
        Assert.True(Close(section));
        Assert.True(Close(again));
    }

    [Fact]
    public void Refusals_have_windows_codes()
    {
        WriteHostFile("empty.bin", "");
        WriteHostFile("data.bin", "hello");
        var empty = Create(@"C:\work\empty.bin", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((0, 1006), Section(empty, PAGE_READONLY, 0));                 // ERROR_FILE_INVALID
        Assert.True(Close(empty));
        var reader = Create(@"C:\work\data.bin", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((0, 5), Section(reader, PAGE_READWRITE, 0));                   // the handle cannot write
        Assert.Equal((0, 87), Section(reader, 0x3, 0));                            // not a protection
        Assert.Equal((0, 87), Section(-1, PAGE_READWRITE, 0));                     // a page-file section needs a size
        var (section, _) = Section(reader, PAGE_READONLY, 0);
        Assert.Equal((0, 5), View(section, FILE_MAP_WRITE));                       // more access than the section
        Assert.Equal((0, 1132), View(section, FILE_MAP_READ, 4096));              // ERROR_MAPPED_ALIGNMENT
        Assert.Equal((0, 5), View(section, FILE_MAP_READ, 0, 6));                  // past the section's end
        Assert.Equal(0, FileMappings.UnmapViewOfFile(0x10000));
        Assert.Equal(487, Err);                                                    // ERROR_INVALID_ADDRESS
        Assert.True(Close(section));
        Assert.True(Close(reader));
    }
}
