using Microsoft.Win32;

// See DiffProbe.csproj for what each mode is for.
var mode = args.Length > 0 ? args[0] : "stable";
Console.WriteLine($"probe: {mode}, {args.Length} argument(s): {string.Join(" | ", args)}");
Console.WriteLine($"DIFFPROBE_VALUE: {Environment.GetEnvironmentVariable("DIFFPROBE_VALUE") ?? "(unset)"}");
if (Console.IsInputRedirected && Console.In.ReadLine() is { } firstLine)
    Console.WriteLine($"stdin: {firstLine}");

var state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "DiffProbe");
Directory.CreateDirectory(state);
File.WriteAllText(Path.Combine(state, "state.txt"), "written on both sides\r\n");
File.WriteAllText("out.txt", "in the working folder\r\n");
// Wine links Documents to the user's home: the reference must still write inside its prefix.
File.WriteAllText(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.MyDocuments), "probe-doc.txt"), "a document\r\n");

using (var key = Registry.CurrentUser.CreateSubKey(@"Software\DiffProbe"))
{
    key.SetValue("Name", "probe");
    key.SetValue("Runs", 1, RegistryValueKind.DWord);
}

switch (mode)
{
    case "differ":
        var side = UnderWine() ? "wine" : "bridge";
        Console.WriteLine($"side: {side}");
        Console.Error.WriteLine($"stderr from {side}");
        File.WriteAllText(Path.Combine(state, "side.txt"), $"line one\r\nside: {side}\r\nline three\r\n");
        using (var key = Registry.CurrentUser.CreateSubKey(@"Software\DiffProbe\Side"))
            key.SetValue("Side", side);
        if (side == "wine")
            File.WriteAllText(Path.Combine(state, "wine-only.bin"), "\0\u0001binary");
        return side == "wine" ? 3 : 4;
    case "volatile":
        Console.WriteLine($"pid: {Environment.ProcessId}");
        Console.WriteLine($"now: {DateTime.UtcNow.Ticks}");
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}.tmp"), "scratch");
        return 0;
    case "sleep":
        Thread.Sleep(TimeSpan.FromSeconds(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)));
        return 0;
    default:
        return 0;
}

// Wine keeps its own settings under HKCU\Software\Wine and passes WINEPREFIX through; the bridge has neither.
static bool UnderWine()
{
    using var key = Registry.CurrentUser.OpenSubKey(@"Software\Wine");
    return key is not null || Environment.GetEnvironmentVariable("WINEPREFIX") is not null;
}
