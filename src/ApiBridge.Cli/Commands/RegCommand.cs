using System.CommandLine;
using System.Text;
using ApiBridge.Core;
using ApiBridge.Shims.Win32.Registry;
using ApiBridge.Shims.Win32.Registry.Storage;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// <c>apibridge reg export|import|query</c>: the prefix's registry for users, as <c>wine regedit</c> and <c>reg.exe</c>
/// give it. Works on the registry files of the prefix (<c>--prefix</c>, else APIBRIDGE_PREFIX, else ~/.apibridge).
/// </summary>
internal static class RegCommand
{
    public static Command Create()
    {
        var prefix = new Option<string>("--prefix") { Description = $"The prefix whose registry to use (default: ${ApiBridge.Runtime.BridgeVariables.Prefix}, else ~/.apibridge)", Recursive = true };

        var exportKey = new Argument<string>("key") { Description = @"Key to export with everything under it, e.g. HKCU\Software\MyApp" };
        var exportFile = new Argument<string?>("file") { Description = "The .reg file to write (UTF-16 with BOM, as regedit writes); stdout when omitted", Arity = ArgumentArity.ZeroOrOne };
        var export = new Command("export", "Write a key and its subkeys as a .reg file (Windows Registry Editor Version 5.00)") { exportKey, exportFile };
        export.SetAction(result => WithTool(result.GetValue(prefix), tool =>
        {
            var text = tool.Export(result.GetValue(exportKey)!);
            if (result.GetValue(exportFile) is { } file)
                Core.Output.FileCopy.WriteAllBytes(Path.GetFullPath(file), RegistryTool.ExportEncoding.GetPreamble().Concat(RegistryTool.ExportEncoding.GetBytes(text)).ToArray());
            else
                Console.Out.Write(text);
            return 0;
        }));

        var importFile = new Argument<string>("file") { Description = "A .reg file (Version 5.00 or REGEDIT4; UTF-16 or UTF-8)" };
        var import = new Command("import", "Apply a .reg file: [key] creates, [-key] deletes a tree, \"name\"=- deletes a value") { importFile };
        import.SetAction(result => WithTool(result.GetValue(prefix), tool =>
        {
            var path = result.GetValue(importFile)!;
            if (!File.Exists(path))
                throw new GuestInputException($"{path}: no such file");
            var changes = tool.Import(File.ReadAllText(path, Encoding.UTF8), path);
            Console.Out.WriteLine($"imported {path}: {changes} change{(changes == 1 ? "" : "s")}");
            return 0;
        }));

        var queryKey = new Argument<string>("key") { Description = @"Key to list, e.g. HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" };
        var query = new Command("query", "List a key's values and subkeys, as reg.exe query does") { queryKey };
        query.SetAction(result => WithTool(result.GetValue(prefix), tool =>
        {
            Console.Out.Write(tool.Query(result.GetValue(queryKey)!));
            return 0;
        }));

        return new Command("reg", "Read and change the prefix's registry (stored as Wine-format system.reg / user.reg)")
        {
            prefix,
            export,
            import,
            query,
        };
    }

    private static int WithTool(string? prefix, Func<RegistryTool, int> action) => CliErrors.Guard(() =>
    {
        using var store = new RegistryStore(prefix is null ? RegistryPrefix.FromEnvironment() : Path.GetFullPath(prefix));
        try
        {
            return action(new RegistryTool(store));
        }
        catch (RegistryFileException error)
        {
            throw new GuestInputException(error.Message, error);
        }
        catch (KeyNotFoundException error)
        {
            throw new GuestInputException(error.Message.Trim('\''), error);
        }
    });
}
