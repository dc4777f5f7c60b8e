using System.Runtime.InteropServices;
using System.Text;

namespace DeclarationVariants;

/// <summary>P/Invokes in the declaration styles real code uses, against the Abt* test exports.</summary>
public static unsafe partial class Native
{
    // Library name spellings and plain primitives.
    [DllImport("kernel32")]
    public static extern int AbtAdd(int a, int b);

    [DllImport("KERNEL32.dll", EntryPoint = "AbtNegate64")]
    public static extern long Negate(long value);

    [DllImport("api-ms-win-core-sysinfo-l1-2-0.dll")]
    public static extern double AbtHalf(double value);

    // Out-parameters: out, ref, pointer; BOOL as bool and as int.
    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool AbtWriteU32(out uint target, uint value);

    [DllImport("kernel32.dll", EntryPoint = "AbtWriteU32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool WriteU32Pointer(uint* target, uint value);

    [DllImport("kernel32.dll", EntryPoint = "AbtWriteU32")]
    public static extern int WriteU32Int(ref uint target, uint value);

    [DllImport("kernel32.dll", EntryPoint = "AbtWriteU32")]
    public static extern int WriteU32IntPtr(IntPtr target, uint value);

    [DllImport("kernel32")]
    public static extern void AbtIncrement(ref long value);

    // Strings: UTF-16 by CharSet, by MarshalAs, by W-suffix resolution; ANSI/UTF-8; char*.
    [DllImport("kernel32", CharSet = CharSet.Unicode, ExactSpelling = true)]
    public static extern int AbtStrLenW(string text);

    [DllImport("kernel32", EntryPoint = "AbtStrLenW")]
    public static extern int StrLenMarshalAs([MarshalAs(UnmanagedType.LPWStr)] string? text);

    [DllImport("kernel32", EntryPoint = "AbtStrLen", CharSet = CharSet.Unicode)]
    public static extern int StrLenUnicodeResolved(string text);

    [DllImport("kernel32", EntryPoint = "AbtStrLen")]
    public static extern int StrLenAnsiResolved(string text);

    [DllImport("kernel32", EntryPoint = "AbtStrLenA")]
    public static extern int StrLenUtf8([MarshalAs(UnmanagedType.LPUTF8Str)] string text);

    [DllImport("kernel32", EntryPoint = "AbtStrLenW")]
    public static extern int StrLenPointer(char* text);

    [DllImport("kernel32", EntryPoint = "AbtFillW", CharSet = CharSet.Unicode)]
    public static extern uint FillBuilder(StringBuilder? buffer, uint size);

    [DllImport("kernel32", EntryPoint = "AbtFill", CharSet = CharSet.Ansi)]
    public static extern uint FillBuilderAnsi(StringBuilder buffer, uint size);

    [DllImport("kernel32", EntryPoint = "AbtFillW", CharSet = CharSet.Unicode)]
    public static extern uint FillChars(char[] buffer, uint size);

    [DllImport("kernel32", EntryPoint = "AbtFillW")]
    public static extern uint FillAnsiChars(char[] buffer, uint size);

    // BOOL conventions.
    [DllImport("kernel32", EntryPoint = "AbtIsNonZero")]
    public static extern bool IsNonZero(bool value);

    [DllImport("kernel32", EntryPoint = "AbtIsNonZero")]
    public static extern int IsNonZeroInt(int value);

    [DllImport("kernel32", EntryPoint = "AbtSetFlag")]
    public static extern bool SetFlag(ref bool flag, bool value);

    [DllImport("kernel32", EntryPoint = "AbtIsNonZero")]
    public static extern bool IsNonZeroOneByte([MarshalAs(UnmanagedType.U1)] bool value);

    // Last error.
    [DllImport("kernel32", SetLastError = true)]
    public static extern bool AbtFailWith(uint code);

    [DllImport("kernel32", EntryPoint = "AbtFailWith")]
    public static extern bool FailWithoutSetLastError(uint code);

    [DllImport("kernel32", SetLastError = true)]
    public static extern bool AbtSucceed();

    // Arrays and structures.
    [DllImport("kernel32")]
    public static extern int AbtSumBytes(byte[]? data, int count);

    [DllImport("kernel32", EntryPoint = "AbtFillPoint")]
    public static extern bool FillPointOut(out Point point);

    [DllImport("kernel32", EntryPoint = "AbtFillPoint")]
    public static extern bool FillPointRef(ref Point point);

    [DllImport("kernel32", EntryPoint = "AbtFillPoint")]
    public static extern bool FillPointClass(PointClass point);

    [DllImport("kernel32")]
    public static extern long AbtPackPoint(Point point);

    [DllImport("kernel32", EntryPoint = "AbtFillRecord")]
    public static extern int FillRecord(ref NamedRecord record);

    // Handles.
    [DllImport("kernel32", EntryPoint = "AbtOpenHandle")]
    public static extern TestHandle OpenHandle();

    [DllImport("kernel32", EntryPoint = "AbtOpenHandleOut")]
    public static extern bool OpenHandleOut(out TestHandle handle);

    [DllImport("kernel32", EntryPoint = "AbtHandleValue")]
    public static extern IntPtr HandleValue(TestHandle handle);

    // Other scalars.
    [DllImport("kernel32", EntryPoint = "AbtCharCode", CharSet = CharSet.Unicode)]
    public static extern int CharCode(char value);

    [DllImport("kernel32", EntryPoint = "AbtEcho32")]
    public static extern Color EchoColor(Color value);

    // String results and optional trailing C arguments.
    [DllImport("kernel32", CharSet = CharSet.Unicode)]
    public static extern string AbtGreeting();

    [DllImport("kernel32", EntryPoint = "AbtGreetingA")]
    public static extern string GreetingUtf8();

    [DllImport("kernel32")]
    public static extern int AbtOptional(int value);

    [DllImport("kernel32", EntryPoint = "AbtOptional")]
    public static extern int OptionalGiven(int value, int extra);

    // [LibraryImport]: the generator's inner P/Invoke is blittable; the wrapper is what guests call.
    [LibraryImport("kernel32", EntryPoint = "AbtFailWith", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool FailWithGenerated(uint code);

    [LibraryImport("kernel32", EntryPoint = "AbtStrLenW", StringMarshalling = StringMarshalling.Utf16)]
    public static partial int StrLenGenerated(string text);

    [DllImport("kernel32", EntryPoint = "AbtTakesCallback")]
    public static extern int TakesCallback(Callback? callback);

    // Declarations that must be reported and left alone.

    [DllImport("kernel32", EntryPoint = "AbtAdd")]
    public static extern int AddThree(int a, int b, int c);

    // A C variadic slot (fcntl's arg) declared as each guest declares it: widened into the shim's nint.
    [DllImport("kernel32", EntryPoint = "AbtVariadic")]
    public static extern long VariadicInt(int selector, int value);

    [DllImport("kernel32", EntryPoint = "AbtVariadic")]
    public static extern long VariadicUInt(int selector, uint value);

    [DllImport("kernel32", EntryPoint = "AbtVariadic")]
    public static extern long VariadicShort(int selector, short value);

    [DllImport("kernel32", EntryPoint = "AbtVariadic")]
    public static extern long VariadicIntPtr(int selector, IntPtr value);

    [DllImport("kernel32", EntryPoint = "AbtVariadic")]
    public static extern long VariadicLeftOut(int selector);

    // Widening is for variadic slots only: an int where the shim takes a long is still refused.
    [DllImport("kernel32", EntryPoint = "AbtNegate64")]
    public static extern long NegateNarrow(int value);

    [DllImport("kernel32", EntryPoint = "AbtFillPoint")]
    public static extern bool FillWidePoint(out WidePoint point);

    [DllImport("kernel32", EntryPoint = "AbtNoSuchExport")]
    public static extern int Missing();

    [DllImport("user32.dll", CharSet = CharSet.Unicode)]
    public static extern int MessageBoxW(IntPtr owner, string text, string caption, uint type);

    [DllImport("QCall")]
    public static extern void RuntimeInternal();
}
