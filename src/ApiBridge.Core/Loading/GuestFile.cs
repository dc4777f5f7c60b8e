namespace ApiBridge.Core.Loading;

/// <summary>One file of the input and what to do with it.</summary>
public sealed record GuestFile(string Path, string RelativePath, AssemblyKind? Kind, string? LeaveAloneReason)
{
    /// <summary>True for a managed assembly that is analyzed (and rewritten where it has bound imports).</summary>
    public bool IsCandidate => Kind is AssemblyKind.IlOnly or AssemblyKind.ReadyToRun && LeaveAloneReason is null;

    /// <summary>Sorts the input's files into candidates and files copied as they are.</summary>
    /// <param name="isPayload">True for a file (full path) that is the bridge's own, from an earlier rewrite; it throws
    /// <see cref="GuestInputException"/> for a file of the app that would clash with the payload.</param>
    public static IReadOnlyList<GuestFile> Survey(GuestInput input, Func<string, bool> isPayload)
    {
        var result = new List<GuestFile>(input.Files.Count);
        foreach (var file in input.Files)
        {
            var relative = input.RelativePath(file);
            var name = System.IO.Path.GetFileName(file);
            if (!GuestInput.IsAssemblyFile(file))
            {
                result.Add(new GuestFile(file, relative, null, "not an assembly"));
                continue;
            }
            if (input.LeftAlone.Contains(name))
            {
                result.Add(new GuestFile(file, relative, null, "part of the .NET runtime"));
                continue;
            }
            if (isPayload(file))
            {
                result.Add(new GuestFile(file, relative, null, "part of ApiBridge"));
                continue;
            }
            AssemblyKind kind;
            try
            {
                kind = AssemblyClassifier.Classify(file);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new GuestInputException($"{file}: cannot be read ({error.Message})");
            }
            if (!input.IsAppFolder)
                GuestAssembly.RefuseUnrewritable(file, kind); // a lone file must be rewritable; in a folder, others are copied
            var reason = kind switch
            {
                AssemblyKind.NotManaged => "native code",
                AssemblyKind.Reference => "reference assembly",
                AssemblyKind.MixedMode => "mixed-mode assembly (left as it is)",
                AssemblyKind.ModuleOnly => "module without a manifest",
                _ => null,
            };
            result.Add(new GuestFile(file, relative, kind, reason));
        }
        return result;
    }
}
