using System.Runtime.CompilerServices;

// The registry storage tests drive RegistryApi and the Wine file reader/writer directly (a second store = another process).
[assembly: InternalsVisibleTo("ApiBridge.Shims.Win32.Tests")]
