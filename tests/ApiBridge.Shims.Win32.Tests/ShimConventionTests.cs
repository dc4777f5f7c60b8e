using System.Reflection;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>What the rewriter relies on: exports discovered by attribute, native-shaped, unique; blittable structure sizes.</summary>
public sealed unsafe class ShimConventionTests
{
    private static readonly Assembly Shims = typeof(Time).Assembly;

    private static IEnumerable<(Type Type, ShimLibraryAttribute Library, MethodInfo Method, string Export)> Exports() =>
        from type in Shims.GetTypes()
        let library = type.GetCustomAttribute<ShimLibraryAttribute>()
        where library is not null
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        from export in method.GetCustomAttributes<ShimExportAttribute>()
        select (type, library, method, export.EntryPoint);

    [Fact]
    public void Every_relayed_channel_is_one_that_run_trace_accepts()
    {
        var channels = Shims.GetTypes().Select(t => t.GetCustomAttribute<ShimLibraryAttribute>()?.Channel ?? t.GetCustomAttribute<ShimTypeAttribute>()?.Channel)
            .OfType<string>().Distinct().Order().ToList();
        Assert.Equal(["env", "file", "memory", "process", "registry", "time"], channels); // kernel32, advapi32 and the managed registry
        Assert.All(channels, channel => Assert.Contains(channel, ApiBridge.Runtime.Tracing.RelayChannels.KnownChannels));
    }

    [Fact]
    public void Issue2ExportsExistOnTheirChannels()
    {
        var byName = Exports().ToDictionary(e => e.Export, e => e.Library);
        string[] time =
        {
            "GetTickCount", "GetTickCount64", "QueryPerformanceCounter", "QueryPerformanceFrequency", "GetSystemTimeAsFileTime",
            "GetSystemTimePreciseAsFileTime", "GetSystemTime", "GetLocalTime", "FileTimeToSystemTime", "SystemTimeToFileTime",
            "FileTimeToLocalFileTime", "LocalFileTimeToFileTime", "GetTimeZoneInformation", "Sleep", "SleepEx",
        };
        string[] env =
        {
            "GetCurrentProcessId", "GetCurrentThreadId", "GetCurrentProcess", "GetCurrentThread", "ExitProcess",
            "GetEnvironmentVariableW", "GetEnvironmentVariableA", "SetEnvironmentVariableW", "SetEnvironmentVariableA",
            "GetCommandLineW", "GetCommandLineA", "GetEnvironmentStringsW", "FreeEnvironmentStringsW", "ExpandEnvironmentStringsW",
        };
        foreach (var name in time)
            Assert.True(byName.TryGetValue(name, out var library) && library.Library == "kernel32" && library.Channel == "time", name);
        foreach (var name in env)
            Assert.True(byName.TryGetValue(name, out var library) && library.Library == "kernel32" && library.Channel == "env", name);
    }

    [Fact]
    public void Cannot_fail_exports_take_no_arguments_and_have_a_tracing_flag_of_their_own()
    {
        // Guests call these shims with no adapter between, so only the shim can relay the call (SelfTracing logs no arguments).
        var cannotFail = (from type in Shims.GetTypes()
                          from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                          from export in method.GetCustomAttributes<ShimExportAttribute>()
                          where export.CannotFail
                          select (method, export.EntryPoint)).ToList();
        Assert.Equal(["GetCurrentProcess", "GetCurrentProcessId", "GetCurrentThread", "GetCurrentThreadId", "GetTickCount", "GetTickCount64"],
            cannotFail.Select(e => e.EntryPoint).Order());
        foreach (var (method, entryPoint) in cannotFail)
        {
            Assert.Empty(method.GetParameters());
            var flag = typeof(SelfTracing).GetField(entryPoint, BindingFlags.Public | BindingFlags.Static);
            Assert.True(flag is { IsInitOnly: true } && flag.FieldType == typeof(bool), entryPoint);
        }
    }

    [Fact]
    public void ExportsArePublicStaticMethodsOfPublicStaticClassesAndNamesAreUnique()
    {
        var exports = Exports().ToList();
        Assert.NotEmpty(exports);
        foreach (var (type, _, method, export) in exports)
        {
            Assert.True(type.IsPublic && type.IsAbstract && type.IsSealed, $"{type.Name} is not a public static class");
            Assert.True(method.IsPublic && method.IsStatic, $"{export} is not public static");
        }
        var duplicates = exports.GroupBy(e => (e.Library.Library, e.Export)).Where(g => g.Count() > 1).Select(g => g.Key.Export);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void ParametersHaveNativeShapesOnly()
    {
        // ushort is WORD (SetConsoleTextAttribute): the binder matches integer sizes exactly, so a WORD export must take one.
        // A byref to a native structure is an address too (FileTimeToSystemTime): guests' byrefs reach it unpinned.
        var allowed = new HashSet<Type> { typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(ushort), typeof(IntPtr), typeof(void) };
        foreach (var (_, _, method, export) in Exports())
        {
            foreach (var type in method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType))
                Assert.True(allowed.Contains(type) || type.IsPointer || type.IsByRef && type.GetElementType()!.Namespace == typeof(FILETIME).Namespace,
                    $"{export} uses {type}");
        }
    }

    [Fact]
    public void StructuresHaveTheirWindowsSizes()
    {
        Assert.Equal(16, sizeof(SYSTEMTIME));
        Assert.Equal(8, sizeof(FILETIME));
        Assert.Equal(172, sizeof(TIME_ZONE_INFORMATION));
        Assert.Equal(4, (int)System.Runtime.InteropServices.Marshal.OffsetOf<FILETIME>(nameof(FILETIME.dwHighDateTime)));
        Assert.Equal(68, (int)System.Runtime.InteropServices.Marshal.OffsetOf<TIME_ZONE_INFORMATION>(nameof(TIME_ZONE_INFORMATION.StandardDate)));
        Assert.Equal(152, (int)System.Runtime.InteropServices.Marshal.OffsetOf<TIME_ZONE_INFORMATION>(nameof(TIME_ZONE_INFORMATION.DaylightDate)));
        Assert.Equal(168, (int)System.Runtime.InteropServices.Marshal.OffsetOf<TIME_ZONE_INFORMATION>(nameof(TIME_ZONE_INFORMATION.DaylightBias)));
    }
}
