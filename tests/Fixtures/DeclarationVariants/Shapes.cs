using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DeclarationVariants;

[StructLayout(LayoutKind.Sequential)]
public struct Point
{
    public int X;
    public int Y;
}

/// <summary>Same layout as Point, but a class: marshalled as a pointer to its fields.</summary>
[StructLayout(LayoutKind.Sequential)]
public sealed class PointClass
{
    public int X;
    public int Y;
}

/// <summary>Non-blittable: the name is an inline UTF-16 buffer marshalled from a string.</summary>
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
public struct NamedRecord
{
    public int Id;
    [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 16)]
    public string Name;
}

/// <summary>Wrong size for the native Point: binding must refuse it.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct WidePoint
{
    public long X;
    public long Y;
}

public enum Color : uint
{
    Red = 1,
    Blue = 0xFFFF_FFFF,
}

/// <summary>A guest's own SafeHandle type with a private constructor, as real code writes them.</summary>
public sealed class TestHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private TestHandle()
        : base(ownsHandle: false)
    {
    }

    protected override bool ReleaseHandle() => true;
}

public delegate int Callback(int value);
