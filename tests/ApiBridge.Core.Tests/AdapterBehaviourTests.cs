using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ApiBridge.Core.Tests;

/// <summary>
/// Each declaration variant, rewritten and called: the guest must see exactly what the runtime marshaller would
/// have given it had the export been native code with the test shim's behaviour.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class AdapterBehaviourTests(RewrittenVariants guest)
{
    [Fact]
    public void Primitives_pass_through_under_every_library_spelling()
    {
        Assert.Equal(5, guest.Call("AbtAdd", 2, 3));
        Assert.Equal(-5L, guest.Call("Negate", 5L));
        Assert.Equal(1.5, guest.Call("AbtHalf", 3.0));
    }

    [Fact]
    public void Variadic_slots_take_narrower_integers_widened_as_the_ABI_passes_them()
    {
        Assert.Equal(1L - 5, guest.Call("VariadicInt", 1, -5)); // sign-extended
        Assert.Equal(1L + uint.MaxValue, guest.Call("VariadicUInt", 1, uint.MaxValue)); // zero-extended
        Assert.Equal(1L - 2, guest.Call("VariadicShort", 1, (short)-2));
        Assert.Equal(1L + (1L << 40), guest.Call("VariadicIntPtr", 1, (IntPtr)(1L << 40)));
        Assert.Equal(7L, guest.Call("VariadicLeftOut", 7)); // left out: the shim's default 0
    }

    [Fact]
    public void Out_uint_receives_the_value_and_bool_result_is_true()
    {
        var arguments = new object?[] { 0u, 77u };
        Assert.Equal(true, guest.Call("AbtWriteU32", arguments));
        Assert.Equal(77u, arguments[0]);
    }

    [Fact]
    public void Ref_pointer_and_IntPtr_out_parameters_all_reach_the_same_memory()
    {
        var byRef = new object?[] { 1u, 9u };
        Assert.Equal(1, guest.Call("WriteU32Int", byRef));
        Assert.Equal(9u, byRef[0]);
        Assert.Equal((true, 11u), ((bool, uint))RewrittenVariants.Call(guest.Callers, "WriteThroughPointer", 11u)!);
        Assert.Equal((1, 12u), ((int, uint))RewrittenVariants.Call(guest.Callers, "WriteThroughIntPtr", 12u)!);
    }

    [Fact]
    public void Delegates_are_passed_as_callable_function_pointers_and_null_as_NULL()
    {
        Assert.Equal(40, RewrittenVariants.Call(guest.Callers, "CallbackDoubles"));
        Assert.Equal(-1, RewrittenVariants.Call(guest.Callers, "NullCallback"));
    }

    [Fact]
    public void Ref_long_is_read_and_written()
    {
        var arguments = new object?[] { 41L };
        guest.Call("AbtIncrement", arguments);
        Assert.Equal(42L, arguments[0]);
    }

    [Fact]
    public void Utf16_strings_are_passed_by_charset_by_marshalas_and_by_pointer()
    {
        Assert.Equal(5, guest.Call("AbtStrLenW", "hello"));
        Assert.Equal(3, guest.Call("StrLenMarshalAs", "abc"));
        Assert.Equal(-1, guest.Call("StrLenMarshalAs", new object?[] { null }));
        Assert.Equal(4, RewrittenVariants.Call(guest.Callers, "LengthThroughPointer", "four"));
    }

    [Fact]
    public void Unsuffixed_entry_points_resolve_to_W_for_unicode_and_A_for_ansi()
    {
        // "héllo" is 5 UTF-16 chars but 6 UTF-8 bytes: the result shows which export and encoding were used.
        Assert.Equal(5, guest.Call("StrLenUnicodeResolved", "héllo"));
        Assert.Equal(6, guest.Call("StrLenAnsiResolved", "héllo"));
        Assert.Equal(6, guest.Call("StrLenUtf8", "héllo"));
    }

    [Fact]
    public void StringBuilder_buffers_receive_output_and_too_small_buffers_get_the_needed_size()
    {
        var buffer = new StringBuilder(16);
        Assert.Equal(5u, guest.Call("FillBuilder", buffer, 16u));
        Assert.Equal("hello", buffer.ToString());

        var small = new StringBuilder("ab", 3);
        Assert.Equal(6u, guest.Call("FillBuilder", small, 3u));
        Assert.Equal("ab", small.ToString());

        Assert.Equal(6u, guest.Call("FillBuilder", null, 0u));

        var ansi = new StringBuilder(16);
        Assert.Equal(6u, guest.Call("FillBuilderAnsi", ansi, 16u));
        Assert.Equal("héllo", ansi.ToString());
    }

    [Fact]
    public void Char_arrays_are_pinned_buffers()
    {
        var chars = new char[8];
        Assert.Equal(5u, guest.Call("FillChars", chars, 8u));
        Assert.Equal("hello", new string(chars, 0, 5));
    }

    [Fact]
    public void Native_TRUE_other_than_one_becomes_a_normalized_bool()
    {
        var result = (bool)guest.Call("IsNonZero", true)!;
        Assert.True(result);
        Assert.Equal(1, Unsafe.As<bool, byte>(ref result));
        Assert.Equal(false, guest.Call("IsNonZero", false));
        Assert.Equal(7, guest.Call("IsNonZeroInt", 1));
    }

    [Fact]
    public void Ref_bool_goes_through_a_four_byte_BOOL()
    {
        var arguments = new object?[] { false, true };
        Assert.Equal(false, guest.Call("SetFlag", arguments));
        Assert.Equal(true, arguments[0]);
        arguments = new object?[] { true, false };
        Assert.Equal(true, guest.Call("SetFlag", arguments));
        Assert.Equal(false, arguments[0]);
    }

    [Fact]
    public void SetLastError_declarations_publish_the_shim_error_and_clear_it_before_the_call()
    {
        Assert.Equal(false, guest.Call("AbtFailWith", 5u));
        Assert.Equal(5, Marshal.GetLastPInvokeError());
        Assert.Equal(5, Marshal.GetLastWin32Error());

        Assert.Equal(true, guest.Call("AbtSucceed"));
        Assert.Equal(0, Marshal.GetLastPInvokeError());
    }

    [Fact]
    public void Declarations_without_SetLastError_leave_the_PInvoke_error_alone()
    {
        Marshal.SetLastPInvokeError(1);
        Assert.Equal(false, guest.Call("FailWithoutSetLastError", 9u));
        Assert.Equal(1, Marshal.GetLastPInvokeError());
        Assert.Equal(9, ApiBridge.Runtime.LastError.Value); // what a GetLastError P/Invoke would return
    }

    [Fact]
    public void LibraryImport_stubs_work_and_see_the_last_error()
    {
        Assert.Equal(false, guest.Call("FailWithGenerated", 1234u));
        Assert.Equal(1234, Marshal.GetLastPInvokeError());
        Assert.Equal(4, guest.Call("StrLenGenerated", "abcd"));
    }

    [Fact]
    public void Byte_arrays_are_pinned_and_null_arrays_are_NULL()
    {
        Assert.Equal(6, guest.Call("AbtSumBytes", new byte[] { 1, 2, 3 }, 3));
        Assert.Equal(0, guest.Call("AbtSumBytes", null, 0));
    }

    [Fact]
    public void Blittable_structs_by_out_ref_and_value_and_formatted_classes()
    {
        var pointType = guest.GuestType("Point");
        var outArgs = new object?[] { Activator.CreateInstance(pointType) };
        Assert.Equal(true, guest.Call("FillPointOut", outArgs));
        Assert.Equal((3, 4), Coordinates(outArgs[0]!));

        var refArgs = new object?[] { MakePoint(pointType, 10, 20) };
        Assert.Equal(true, guest.Call("FillPointRef", refArgs));
        Assert.Equal((13, 24), Coordinates(refArgs[0]!));

        Assert.Equal(2007L, guest.Call("AbtPackPoint", MakePoint(pointType, 7, 2)));

        var pointClass = MakePoint(guest.GuestType("PointClass"), 1, 1);
        Assert.Equal(true, guest.Call("FillPointClass", pointClass));
        Assert.Equal((4, 5), Coordinates(pointClass));
    }

    [Fact]
    public void Non_blittable_struct_with_ByValTStr_is_marshalled_both_ways()
    {
        var recordType = guest.GuestType("NamedRecord");
        var record = Activator.CreateInstance(recordType)!;
        recordType.GetField("Id")!.SetValue(record, 1);
        recordType.GetField("Name")!.SetValue(record, "abc");
        var arguments = new object?[] { record };
        Assert.Equal(3, guest.Call("FillRecord", arguments));
        Assert.Equal(42, recordType.GetField("Id")!.GetValue(arguments[0]));
        Assert.Equal("answer:abc", recordType.GetField("Name")!.GetValue(arguments[0]));
    }

    [Fact]
    public void SafeHandles_are_created_from_returns_and_out_parameters_and_passed_by_value()
    {
        var handle = (SafeHandle)guest.Call("OpenHandle")!;
        Assert.Equal("TestHandle", handle.GetType().Name);
        Assert.Equal((IntPtr)0x1234, handle.DangerousGetHandle());

        var arguments = new object?[] { null };
        Assert.Equal(true, guest.Call("OpenHandleOut", arguments));
        Assert.Equal((IntPtr)0x5678, ((SafeHandle)arguments[0]!).DangerousGetHandle());

        Assert.Equal((IntPtr)0x1234, guest.Call("HandleValue", handle));
        Assert.False(handle.IsClosed);
        Assert.Throws<ArgumentNullException>(() => guest.Call("HandleValue", new object?[] { null }));
    }

    [Fact]
    public void Chars_and_enums_keep_their_values()
    {
        Assert.Equal(65, guest.Call("CharCode", 'A'));
        var color = Enum.ToObject(guest.GuestType("Color"), 0xFFFF_FFFFu);
        Assert.Equal(color, guest.Call("EchoColor", color));
    }

    [Fact]
    public void String_results_are_copied_from_memory_the_shim_keeps()
    {
        Assert.Equal("hello wide", guest.Call("AbtGreeting"));
        Assert.Equal("héllo narrow", guest.Call("GreetingUtf8"));
        Assert.Equal("hello wide", guest.Call("AbtGreeting")); // still valid: nothing was freed
    }

    [Fact]
    public void Optional_trailing_C_arguments_get_the_shim_default_when_left_out()
    {
        Assert.Equal(42, guest.Call("AbtOptional", 2));
        Assert.Equal(5, guest.Call("OptionalGiven", 2, 3));
    }

    [Fact]
    public void Every_call_site_including_delegates_reaches_the_shim()
    {
        Assert.Equal(21, RewrittenVariants.Call(guest.Callers, "AddThreeTimes"));
        Assert.Equal(42, RewrittenVariants.Call(guest.Callers, "TakesAddress"));
    }

    [Fact]
    public void Unbound_declarations_stay_native_and_still_fail_as_before()
    {
        // On Linux there is no kernel32 at all: the declaration fails exactly as it did before the rewrite.
        Assert.Throws<DllNotFoundException>(() => guest.Call("Missing"));
    }

    private static object MakePoint(Type type, int x, int y)
    {
        var point = Activator.CreateInstance(type)!;
        type.GetField("X")!.SetValue(point, x);
        type.GetField("Y")!.SetValue(point, y);
        return point;
    }

    private static (int, int) Coordinates(object point) =>
        ((int)point.GetType().GetField("X")!.GetValue(point)!, (int)point.GetType().GetField("Y")!.GetValue(point)!);
}
