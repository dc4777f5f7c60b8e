using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Testing;

[StructLayout(LayoutKind.Sequential)]
public struct TestPoint
{
    public int X;
    public int Y;
}

[StructLayout(LayoutKind.Sequential)]
public unsafe struct TestRecord
{
    public int Id;
    public fixed char Name[16];
}

/// <summary>Exports with obvious results, one per marshalling shape the binder must adapt.</summary>
[ShimLibrary("kernel32", "test")]
public static unsafe class TestExports
{
    [ShimExport("AbtAdd")]
    public static int Add(int a, int b) => a + b;

    /// <summary>A constant answer, like GetCurrentProcess: guests with its exact shape call it with no adapter.</summary>
    [ShimExport("AbtCookie", CannotFail = true)]
    public static uint Cookie() => 0xC00C1E;

    /// <summary>A C variadic slot, as fcntl's arg: the value as the shim receives it, at register width.</summary>
    [ShimExport("AbtVariadic", VariadicFrom = 1)]
    public static long Variadic(int selector, nint value = 0) => selector + value;

    [ShimExport("AbtNegate64")]
    public static long Negate64(long value) => -value;

    [ShimExport("AbtHalf")]
    public static double Half(double value) => value / 2;

    [ShimExport("AbtWriteU32")]
    public static int WriteU32(uint* target, uint value)
    {
        if (target == null)
        {
            LastError.Set(87);
            return 0;
        }
        *target = value;
        return 1;
    }

    [ShimExport("AbtIncrement")]
    public static void Increment(long* value) => (*value)++;

    [ShimExport("AbtStrLenW")]
    public static int StrLenW(char* text) => text == null ? -1 : new string(text).Length;

    [ShimExport("AbtStrLenA")]
    public static int StrLenA(byte* text) => text == null ? -1 : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text).Length;

    /// <summary>Writes "hello" when it fits (returns 5), else returns the size needed with the terminator (6).</summary>
    [ShimExport("AbtFillW")]
    public static uint FillW(char* buffer, uint size)
    {
        const string text = "hello";
        if (size <= text.Length)
            return (uint)text.Length + 1;
        text.AsSpan().CopyTo(new Span<char>(buffer, text.Length));
        buffer[text.Length] = '\0';
        return (uint)text.Length;
    }

    [ShimExport("AbtFillA")]
    public static uint FillA(byte* buffer, uint size)
    {
        var text = Encoding.UTF8.GetBytes("héllo");
        if (size <= text.Length)
            return (uint)text.Length + 1;
        text.CopyTo(new Span<byte>(buffer, text.Length));
        buffer[text.Length] = 0;
        return (uint)text.Length;
    }

    /// <summary>Returns 7 for TRUE: guests declaring bool must still see true, and int-declared guests 7.</summary>
    [ShimExport("AbtIsNonZero")]
    public static int IsNonZero(int value) => value != 0 ? 7 : 0;

    [ShimExport("AbtSetFlag")]
    public static int SetFlag(int* flag, int value)
    {
        var previous = *flag;
        *flag = value;
        return previous;
    }

    [ShimExport("AbtFailWith")]
    public static int FailWith(uint code)
    {
        LastError.Set((int)code);
        return 0;
    }

    /// <summary>
    /// Managed pointers, as FileTimeToSystemTime takes them: a guest's byrefs arrive unpinned, its pointers and pinned
    /// arrays as addresses. A forced compacting collection in the middle shows a byref into a moved array still lands.
    /// Sets the last error only on failure, as kernel32 does.
    /// </summary>
    [ShimExport("AbtSplitByRef")]
    public static int SplitByRef(ref readonly long value, ref TestPoint halves)
    {
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(in value) || System.Runtime.CompilerServices.Unsafe.IsNullRef(ref halves))
        {
            LastError.Set(998); // ERROR_NOACCESS
            return 0;
        }
        if (value < 0)
        {
            LastError.Set(87);
            return 0;
        }
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        halves = new TestPoint { X = (int)(value >> 32), Y = (int)value };
        return 1;
    }

    [ShimExport("AbtSucceed")]
    public static int Succeed() => 1;

    [ShimExport("AbtSumBytes")]
    public static int SumBytes(byte* data, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
            sum += data[i];
        return sum;
    }

    [ShimExport("AbtFillPoint")]
    public static int FillPoint(TestPoint* point)
    {
        point->X += 3;
        point->Y += 4;
        return 1;
    }

    [ShimExport("AbtPackPoint")]
    public static long PackPoint(TestPoint point) => point.X + point.Y * 1000L;

    [ShimExport("AbtFillRecord")]
    public static int FillRecord(TestRecord* record)
    {
        var previous = new string(record->Name);
        record->Id = 42;
        var name = "answer:" + previous;
        var span = new Span<char>(record->Name, 16);
        span.Clear();
        name.AsSpan(0, Math.Min(name.Length, 15)).CopyTo(span);
        return previous.Length;
    }

    [ShimExport("AbtOpenHandle")]
    public static IntPtr OpenHandle() => 0x1234;

    [ShimExport("AbtOpenHandleOut")]
    public static int OpenHandleOut(IntPtr* handle)
    {
        *handle = 0x5678;
        return 1;
    }

    [ShimExport("AbtHandleValue")]
    public static IntPtr HandleValue(IntPtr handle) => handle;

    [ShimExport("AbtCharCode")]
    public static int CharCode(char value) => value;

    /// <summary>Calls the guest's callback with 20 (as native code calls a function pointer); -1 for NULL.</summary>
    [ShimExport("AbtTakesCallback")]
    public static int TakesCallback(IntPtr callback) =>
        callback == IntPtr.Zero ? -1 : ((delegate* unmanaged<int, int>)callback)(20);

    private static readonly IntPtr GreetingW = Marshal.StringToHGlobalUni("hello wide");
    private static readonly IntPtr GreetingA = Marshal.StringToCoTaskMemUTF8("héllo narrow");

    /// <summary>Returns memory the shim owns, as getenv does.</summary>
    [ShimExport("AbtGreetingW")]
    public static char* GetGreetingW() => (char*)GreetingW;

    [ShimExport("AbtGreetingA")]
    public static byte* GetGreetingA() => (byte*)GreetingA;

    /// <summary>A C function whose trailing argument is optional (like open's mode): guests may leave it out.</summary>
    [ShimExport("AbtOptional")]
    public static int Optional(int value, int extra = 40) => value + extra;

    [ShimExport("AbtEcho32")]
    public static uint Echo32(uint value) => value;
}
