using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary>
/// <c>WIN32_FIND_DATAW</c> (minwinbase.h), 592 bytes: FILETIMEs are two DWORDs (4-byte aligned),
/// cFileName is WCHAR[260], cAlternateFileName WCHAR[14].
/// </summary>
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
public unsafe struct WIN32_FIND_DATAW
{
    public uint dwFileAttributes;
    public FILETIME ftCreationTime;
    public FILETIME ftLastAccessTime;
    public FILETIME ftLastWriteTime;
    public uint nFileSizeHigh;
    public uint nFileSizeLow;
    public uint dwReserved0;
    public uint dwReserved1;
    public fixed char cFileName[260];
    public fixed char cAlternateFileName[14];
}

/// <summary><c>WIN32_FIND_DATAA</c>, 320 bytes: the same with CHAR[260] and CHAR[14] (UTF-8 here).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct WIN32_FIND_DATAA
{
    public uint dwFileAttributes;
    public FILETIME ftCreationTime;
    public FILETIME ftLastAccessTime;
    public FILETIME ftLastWriteTime;
    public uint nFileSizeHigh;
    public uint nFileSizeLow;
    public uint dwReserved0;
    public uint dwReserved1;
    public fixed byte cFileName[260];
    public fixed byte cAlternateFileName[14];
}
