namespace ApiBridge.Shims.Win32.Text;

/// <summary>How kernel32 treats a code page: the flags each kind accepts and the size of its characters differ.</summary>
internal enum CodePageKind
{
    SingleByte,
    DoubleByte,
    Utf8,
    Utf7,
}
