namespace ApiBridge.Core.Output;

/// <summary>Copies that never leave a half-written file at the destination.</summary>
public static class FileCopy
{
    public static void Atomic(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + ".apibridge-tmp";
        try
        {
            File.Copy(source, temporary, overwrite: true);
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Copies an assembly and the PDB beside it, if any.</summary>
    public static void WithSymbols(string source, string destination)
    {
        if (Path.GetFullPath(source) == Path.GetFullPath(destination))
            return;
        Atomic(source, destination);
        var pdb = Path.ChangeExtension(source, ".pdb");
        if (File.Exists(pdb))
            Atomic(pdb, Path.ChangeExtension(destination, ".pdb"));
    }

    public static void WriteAllText(string destination, string contents) =>
        WriteAllBytes(destination, System.Text.Encoding.UTF8.GetBytes(contents));

    public static void WriteAllBytes(string destination, byte[] contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + ".apibridge-tmp";
        try
        {
            File.WriteAllBytes(temporary, contents);
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
