using System.Xml.Linq;

namespace ApiBridge.Core.Retargeting;

/// <summary>One file of a runtime pack, as its <c>data/RuntimeList.xml</c> lists it.</summary>
public sealed record RuntimePackFile(string PackPath, bool IsManaged, string? AssemblyVersion, string FileVersion)
{
    public string FileName => Path.GetFileName(PackPath);

    /// <summary>Every file of the extracted pack in <paramref name="packFolder"/>.</summary>
    public static IReadOnlyList<RuntimePackFile> List(string packFolder)
    {
        var list = Path.Combine(packFolder, "data", "RuntimeList.xml");
        if (!File.Exists(list))
            throw new GuestInputException($"{packFolder}: not a runtime pack (no data/RuntimeList.xml)");
        return XDocument.Load(list).Root!.Elements("File")
            .Where(f => (string?)f.Attribute("Type") is "Managed" or "Native")
            .Select(f => new RuntimePackFile(
                (string)f.Attribute("Path")!,
                (string?)f.Attribute("Type") == "Managed",
                (string?)f.Attribute("AssemblyVersion"),
                (string?)f.Attribute("FileVersion") ?? "0.0.0.0"))
            .ToList();
    }
}
