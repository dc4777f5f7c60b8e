using System.Reflection;
using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// FormatMessageW and LocalFree: Windows' system message texts (Microsoft's System Error Codes pages) for every error
/// the shims set, inserts and escapes, the buffer conventions, and the errors Wine's dlls/kernel32/tests/format_msg.c
/// checks (and a win-x64 probe under wine64 showed: 317 for an unknown id, 122 for a short buffer, line breaks as
/// spaces under FORMAT_MESSAGE_MAX_WIDTH_MASK).
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class FormatMessageTests
{
    private const uint FromSystem = Messages.FORMAT_MESSAGE_FROM_SYSTEM, Ignore = Messages.FORMAT_MESSAGE_IGNORE_INSERTS;

    private static (uint Length, string Text, int Error) Format(uint flags, uint id, uint size = 512, string? pattern = null, nint[]? arguments = null)
    {
        var buffer = stackalloc char[512];
        LastError.Set(0);
        uint length;
        fixed (char* p = pattern)
        fixed (nint* a = arguments)
            length = Messages.FormatMessageW(flags, (nint)p, id, 0, buffer, size, (nint)a);
        return (length, new string(buffer, 0, (int)length), LastError.Value);
    }

    [Theory]
    [InlineData(2u, "The system cannot find the file specified.\r\n")]
    [InlineData(5u, "Access is denied.\r\n")]
    [InlineData(32u, "The process cannot access the file because it is being used by another process.\r\n")]
    [InlineData(183u, "Cannot create a file when that file already exists.\r\n")]
    public void System_messages_are_windows_texts_with_their_line_break(uint id, string expected)
    {
        var (length, text, _) = Format(FromSystem | Ignore, id);
        Assert.Equal(expected, text);
        Assert.Equal((uint)expected.Length, length);
    }

    [Fact]
    public void Every_error_the_shims_set_has_a_system_message()
    {
        var codes = typeof(Win32Error).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int)).Select(f => (f.Name, Code: (uint)(int)f.GetRawConstantValue()!)).ToList();
        Assert.True(codes.Count > 40);
        var missing = codes.Where(c => Format(FromSystem | Ignore, c.Code).Length == 0).Select(c => $"{c.Name} ({c.Code})").ToList();
        Assert.True(missing.Count == 0, "no message for " + string.Join(", ", missing));
    }

    [Fact]
    public void Unknown_ids_short_buffers_and_missing_arguments_fail_with_windows_codes()
    {
        Assert.Equal((0u, "", 317), Format(FromSystem | Ignore, 0x12345)); // ERROR_MR_MID_NOT_FOUND
        Assert.Equal((0u, "", 122), Format(FromSystem | Ignore, 2, size: 10)); // ERROR_INSUFFICIENT_BUFFER
        Assert.Equal(87, Format(FromSystem, 193).Error); // %1 with no arguments
    }

    [Fact]
    public void Max_width_turns_the_messages_line_breaks_into_spaces()
    {
        Assert.Equal("Access is denied. ", Format(FromSystem | Ignore | Messages.FORMAT_MESSAGE_MAX_WIDTH_MASK, 5).Text);
    }

    [Fact]
    public void Inserts_and_escapes_in_a_message_string()
    {
        var world = Marshal.StringToHGlobalUni("world");
        try
        {
            var result = Format(Messages.FORMAT_MESSAGE_FROM_STRING | Messages.FORMAT_MESSAGE_ARGUMENT_ARRAY, 0,
                pattern: "Hello %1%! n=%2!d! x=%3!x! %% %.%n end%0 ignored", arguments: [world, -42, 255]);
            Assert.Equal("Hello world! n=-42 x=ff % .\r\n end", result.Text);
            Assert.Equal("Keep %1 and %2!d!.", Format(Messages.FORMAT_MESSAGE_FROM_STRING | Ignore, 0, pattern: "Keep %1 and %2!d!.").Text);
            Assert.Equal("world is not a valid Win32 application.\r\n", Format(FromSystem | Messages.FORMAT_MESSAGE_ARGUMENT_ARRAY, 193, arguments: [world]).Text);
        }
        finally
        {
            Marshal.FreeHGlobal(world);
        }
    }

    [Fact]
    public void An_allocated_buffer_is_freed_with_LocalFree_and_a_foreign_pointer_is_refused()
    {
        char* allocated = null;
        var length = Messages.FormatMessageW(FromSystem | Ignore | Messages.FORMAT_MESSAGE_ALLOCATE_BUFFER, 0, 6, 0, (char*)&allocated, 0, 0);
        Assert.Equal("The handle is invalid.\r\n", new string(allocated, 0, (int)length));
        Assert.Equal(0, LocalMemory.LocalFree((nint)allocated));

        var foreign = Marshal.AllocHGlobal(16);
        LastError.Set(0);
        Assert.Equal(foreign, LocalMemory.LocalFree(foreign)); // not ours: returned, not freed
        Assert.Equal(6, LastError.Value);
        Marshal.FreeHGlobal(foreign);
        Assert.Equal(0, LocalMemory.LocalFree(0));
    }
}
