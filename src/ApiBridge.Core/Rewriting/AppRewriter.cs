using System.Collections.Concurrent;
using ApiBridge.Core.Loading;
using ApiBridge.Core.Output;

namespace ApiBridge.Core.Rewriting;

/// <summary>
/// Rewrites an input (a library or an app folder) into an output folder that runs as it is: rewritten
/// assemblies, everything else copied unchanged, the bridge's payload beside the app, and the app's
/// <c>*.deps.json</c> listing it. The output is assembled in a staging folder next to the destination and
/// moved into place only when complete, so an interrupted run leaves no half-written output; the input is
/// only ever read.
/// </summary>
public sealed class AppRewriter
{
    private readonly BridgePayload payload;
    private readonly ModuleRewriter moduleRewriter;

    public AppRewriter(BridgePayload payload)
    {
        this.payload = payload;
        moduleRewriter = new ModuleRewriter(payload);
    }

    public RewriteSummary Rewrite(string inputPath, string outputFolder, RewriteOptions? options = null)
    {
        options ??= new RewriteOptions();
        var input = GuestInput.Resolve(inputPath);
        var output = Path.GetFullPath(outputFolder);
        StagingFolder.CleanStale(output); // what killed rewrites left; a replaced output that was never succeeded comes back
        CheckOutputPlace(input, output, options);

        var files = GuestFile.Survey(input, payload.ClaimsFile);
        string? platform = null;
        if (options.ManagedView || options.GuestPlatform is not null)
            platform = options.GuestPlatform ?? (input.IsAppFolder ? Analysis.GuestPlatformDetector.Detect(input) : null);
        var start = StartableAssembly(input);
        if (options.Target is not null && start is null)
            throw new GuestInputException($"{inputPath}: --target needs an app (an entry assembly with its runtimeconfig.json, or a folder with one), not a library");
        var staging = StagingFolder.NextTo(output);
        try
        {
            var (outcomes, copied, leftOut) = WriteInto(staging.Path, input, files, options, platform);
            var payloadFiles = CopyPayload(staging.Path);
            UpdateDepsFiles(staging.Path);
            if (options.RetargetToHostFramework && input.EntryAssembly is not null && HostRetargeting.IsSelfContained(input.EntryAssembly))
                HostRetargeting.MakeFrameworkDependent(staging.Path, Path.Combine(staging.Path, input.RelativePath(input.EntryAssembly)));
            if (options.Isolate)
            {
                if (start is null)
                    throw new GuestInputException($"{inputPath}: --isolate needs an app (an entry assembly with its runtimeconfig.json), not a library");
                RuntimeConfigSwitch.Set(Path.ChangeExtension(Path.Combine(staging.Path, input.RelativePath(start)), ".runtimeconfig.json"), Runtime.BridgeVariables.IsolateSwitch);
            }
            Retargeting.RetargetResult? retarget = null;
            if (options.Target is { } target)
                retarget = new Retargeting.AppRetargeter(options.Packages ?? new Retargeting.NuGetPackageStore())
                    .Retarget(staging.Path, Path.Combine(staging.Path, input.RelativePath(start!)), target, options.FrameworkDependent,
                        platform ?? Analysis.GuestPlatformDetector.Detect(input));
            var listing = RewriteListing.Of(staging.Path, outcomes, copied, payloadFiles, retarget);
            staging.MoveTo(output, options.Force);
            var entry = start is not null ? Path.Combine(output, input.RelativePath(start)) : null;
            return new RewriteSummary(output, entry, outcomes.Select(o => o with { OutputPath = Path.Combine(output, Path.GetRelativePath(staging.Path, o.OutputPath)) }).ToList(), payloadFiles)
            {
                OtherFilesCopied = copied.Count - (retarget?.Removed.Count(r => copied.Contains(r)) ?? 0),
                SetAside = SetAsideSummary.Of(files),
                Retarget = retarget,
                RuntimeFilesLeftOut = leftOut,
                MissingReferences = MissingReferences.Find(input, files, payloadFiles),
                Listing = listing,
            };
        }
        catch (Exception error) when (StagingPaths.Mentions(error, staging.Path))
        {
            // The user never sees the staging folder: a failure while writing names the output they asked for.
            throw StagingPaths.Renamed(error, staging.Path, output);
        }
        finally
        {
            staging.Discard();
        }
    }

    /// <summary>
    /// The assembly <c>dotnet</c> starts in the output, for the summary's hint: the named entry of an app (one with a
    /// runtimeconfig.json), or the only app at the top of a folder; none for a lone library.
    /// </summary>
    private static string? StartableAssembly(GuestInput input)
    {
        if (!input.IsAppFolder)
            return null;
        if (input.EntryAssembly is not null)
            return input.EntryAssembly;
        var apps = Directory.GetFiles(input.Root, "*.runtimeconfig.json")
            .Select(config => Path.Combine(input.Root, Path.GetFileName(config)[..^".runtimeconfig.json".Length] + ".dll"))
            .Where(File.Exists)
            .ToList();
        return apps.Count == 1 ? apps[0] : null;
    }

    private static void CheckOutputPlace(GuestInput input, string output, RewriteOptions options)
    {
        var root = input.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var outputWithSlash = output.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (input.IsAppFolder && (outputWithSlash.StartsWith(root, StringComparison.Ordinal) || root.StartsWith(outputWithSlash, StringComparison.Ordinal)))
            throw new GuestInputException($"{output}: the output folder must be outside the input folder {input.Root} (the input is never modified)");
        if (!input.IsAppFolder && string.Equals(outputWithSlash, root, StringComparison.Ordinal))
            throw new GuestInputException($"{output}: the output folder must differ from the input's folder (the input is never modified)");
        if (File.Exists(output))
            throw new GuestInputException($"{output}: exists and is a file, expected an output folder");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !options.Force)
            throw new GuestInputException($"{output}: the output folder is not empty (use --force to replace it)");
    }

    /// <returns>What happened to each candidate assembly, the other files copied as they are (relative paths), and how many runtime-pack files were left out.</returns>
    private (List<RewriteOutcome> Outcomes, HashSet<string> Copied, int LeftOut) WriteInto(string staging, GuestInput input, IReadOnlyList<GuestFile> files, RewriteOptions options, string? platform)
    {
        var copied = new HashSet<string>(StringComparer.Ordinal);
        var leftOut = 0;
        foreach (var file in files.Where(f => !f.IsCandidate && !IsSidecarOfCandidate(f, files)))
        {
            if ((options.RetargetToHostFramework || options.Target is not null) && file.OutsideApp is null && input.LeftAlone.Contains(Path.GetFileName(file.Path)))
            {
                leftOut++;
                continue; // the host's shared framework, or the target's runtime pack, runs it instead
            }
            if (options.OmitNestedApps && file.OutsideApp is { IsNestedApp: true })
                continue;
            var destination = Path.Combine(staging, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file.Path, destination, overwrite: true);
            copied.Add(file.RelativePath);
        }

        var candidates = files.Where(f => f.IsCandidate).ToList();
        var outcomes = new RewriteOutcome[candidates.Count];
        var completed = 0;
        var workers = candidates.Count >= ParallelThreshold ? Math.Max(1, Math.Min(options.MaxParallelism, Environment.ProcessorCount)) : 1;
        // Largest first, one file at a time: a runtime pack's cost is a few big assemblies (CoreLib alone is a third
        // of it), and a worker that picks one up last would leave the other core idle while it finishes.
        var workOrder = Enumerable.Range(0, candidates.Count).OrderByDescending(i => new FileInfo(candidates[i].Path).Length).ToArray();
        // One resolver per worker: each keeps its own copies of the framework assemblies it reads, so no Cecil
        // object is shared between threads except the payload's, which are fully read before the workers start.
        try
        {
            if (candidates.Count > 0) // an app folder may have none (only native or mixed-mode files): Partitioner refuses an empty range
                RewriteCandidates();
        }
        catch (AggregateException error) when (error.InnerExceptions.FirstOrDefault(e => e is GuestInputException) is { } refusal)
        {
            // Parallel.ForEach wraps what a worker throws; a bad input is reported as itself (one line), not as an internal error.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(refusal).Throw();
        }
        catch (AggregateException error) when (error.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
        }
        return (outcomes.ToList(), copied, leftOut);

        void RewriteCandidates() => Parallel.ForEach(
            Partitioner.Create(0, candidates.Count, 1),
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            () => CachingAssemblyResolver.ForApp(input.Root),
            (range, _, resolver) =>
            {
                for (var next = range.Item1; next < range.Item2; next++)
                {
                    var i = workOrder[next];
                    var file = candidates[i];
                    options.Progress?.Report(new RewriteProgress(Volatile.Read(ref completed), candidates.Count, file.Path, Done: false));
                    var destination = Path.Combine(staging, file.RelativePath);
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    if (input.IsAppFolder && !RewriteProbe.MayNeedRewrite(file.Path, payload.Catalog, options.ManagedView))
                    {
                        FileCopy.WithSymbols(file.Path, destination);
                        outcomes[i] = new RewriteOutcome(file.Path, destination, RewriteAction.Copied, 0, Array.Empty<string>());
                        options.Progress?.Report(new RewriteProgress(Interlocked.Increment(ref completed), candidates.Count, file.Path, Done: true));
                        continue;
                    }
                    outcomes[i] = CorruptInput.Guard(file.Path, () =>
                    {
                        using var guest = GuestAssembly.Open(file.Path, resolver, file.Kind);
                        return moduleRewriter.Rewrite(guest, guest.Bind(payload.Catalog), destination, platform, options.ManagedView);
                    });
                    options.Progress?.Report(new RewriteProgress(Interlocked.Increment(ref completed), candidates.Count, file.Path, Done: true));
                }
                return resolver;
            },
            resolver => resolver.Dispose());
    }

    /// <summary>Below this many assemblies, one thread is faster than starting workers.</summary>
    private const int ParallelThreshold = 8;

    // A candidate's PDB is written (or copied) together with it, in step with its IL.
    private static bool IsSidecarOfCandidate(GuestFile file, IReadOnlyList<GuestFile> files) =>
        file.Path.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)
        && files.Any(f => f.IsCandidate && string.Equals(Path.ChangeExtension(f.Path, ".pdb"), file.Path, StringComparison.Ordinal));

    private List<string> CopyPayload(string staging)
    {
        var copied = new List<string>();
        foreach (var file in payload.Files)
        {
            File.Copy(file.SourcePath, Path.Combine(staging, file.FileName), overwrite: true);
            copied.Add(file.FileName);
        }
        return copied;
    }

    private void UpdateDepsFiles(string staging)
    {
        foreach (var deps in Directory.GetFiles(staging, "*.deps.json"))
        {
            var edited = DepsJsonEditor.AddPayload(File.ReadAllText(deps), payload.Files, Path.GetFileName(deps));
            if (edited is not null)
                File.WriteAllText(deps, edited);
        }
    }
}
