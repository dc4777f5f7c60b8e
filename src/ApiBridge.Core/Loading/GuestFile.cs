namespace ApiBridge.Core.Loading;

/// <summary>One file of the input and what to do with it.</summary>
/// <param name="OutsideApp">For a file in a subfolder that is not the app's own (see <see cref="AppMembership"/>): the
/// folder it is reported under and why; such files are copied as they are.</param>
public sealed record GuestFile(string Path, string RelativePath, AssemblyKind? Kind, string? LeaveAloneReason, SetAsideFolder? OutsideApp = null)
{
    /// <summary>True for a managed assembly that is analyzed (and rewritten where it has bound imports).</summary>
    public bool IsCandidate => Kind is AssemblyKind.IlOnly or AssemblyKind.ReadyToRun && LeaveAloneReason is null;

    /// <summary>Sorts the input's files into candidates and files copied as they are.</summary>
    /// <param name="isPayload">True for a file (full path) that is the bridge's own, from an earlier rewrite; it throws
    /// <see cref="GuestInputException"/> for a file of the app that would clash with the payload.</param>
    /// <exception cref="GuestInputException">An app folder without a single assembly that can be rewritten.</exception>
    public static IReadOnlyList<GuestFile> Survey(GuestInput input, Func<string, bool> isPayload)
    {
        var membership = input.IsAppFolder ? AppMembership.Of(input.Layout) : null;
        var result = new List<GuestFile>(input.Files.Count);
        foreach (var file in input.Files)
        {
            var relative = input.RelativePath(file);
            var outside = membership?.Outside(file);
            result.Add(Sort(input, file, relative, outside, isPayload));
        }
        if (input.IsAppFolder && !result.Any(f => f.IsCandidate))
            throw new GuestInputException(NothingToRewrite(input, result));
        return result;
    }

    private static GuestFile Sort(GuestInput input, string file, string relative, SetAsideFolder? outside, Func<string, bool> isPayload)
    {
        var name = System.IO.Path.GetFileName(file);
        if (!GuestInput.IsAssemblyFile(file))
            return new GuestFile(file, relative, null, "not an assembly", outside);
        if (outside is not null)
            return new GuestFile(file, relative, null, $"not part of the app: {outside.RelativeFolder} is {outside.Reason}", outside);
        if (input.LeftAlone.Contains(name))
            return new GuestFile(file, relative, null, "part of the .NET runtime");
        if (isPayload(file))
            return new GuestFile(file, relative, null, "part of ApiBridge");
        AssemblyKind kind;
        try
        {
            kind = AssemblyClassifier.Classify(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new GuestInputException($"{file}: cannot be read ({error.Message})");
        }
        var reason = kind switch
        {
            AssemblyKind.NotManaged => "native code",
            AssemblyKind.Reference => "reference assembly",
            AssemblyKind.MixedMode => "mixed-mode assembly (left as it is)",
            AssemblyKind.ModuleOnly => "module without a manifest",
            _ => null,
        };
        return new GuestFile(file, relative, kind, reason);
    }

    /// <summary>One line naming each .dll/.exe of the folder and what is wrong with it (the first few, then a count).</summary>
    private static string NothingToRewrite(GuestInput input, List<GuestFile> files)
    {
        var assemblies = files.Where(f => GuestInput.IsAssemblyFile(f.Path)).ToList();
        if (assemblies.Count == 0)
            return $"{input.Root}: no .NET assemblies in this folder";
        const int Shown = 4;
        var reasons = assemblies.Take(Shown).Select(f => $"{f.RelativePath} is {Reason(f)}");
        var more = assemblies.Count > Shown ? $"; and {assemblies.Count - Shown} more" : "";
        return $"{input.Root}: no .NET assembly that can be rewritten: {string.Join("; ", reasons)}{more}";
    }

    private static string Reason(GuestFile file) => file.Kind switch
    {
        AssemblyKind.NotManaged => FileNature.Describe(file.Path),
        AssemblyKind.Reference => "a reference assembly (metadata only, never run)",
        AssemblyKind.MixedMode => "a mixed-mode (C++/CLI) assembly",
        AssemblyKind.ModuleOnly => "a module without an assembly manifest",
        _ => file.LeaveAloneReason ?? "unusable",
    };
}

/// <summary>A subfolder of an app folder that is copied, not rewritten, and why (for the summary).</summary>
/// <param name="IsNestedApp">True for a folder with its own deps.json or runtimeconfig.json: another app.</param>
public sealed record SetAsideFolder(string RelativeFolder, string Reason, bool IsNestedApp = false);
