namespace ApiBridge.Core.Rewriting;

/// <summary>How <see cref="AppRewriter"/> treats its output.</summary>
public sealed record RewriteOptions
{
    /// <summary>Replace a non-empty output folder (it is swapped only once the new output is complete).</summary>
    public bool Force { get; init; }

    /// <summary>
    /// Make a self-contained app framework-dependent for the host's <c>dotnet</c> (what <c>run</c> needs to start a
    /// publish folder made for another OS): its runtime-pack files are not copied and its configuration names the
    /// shared framework. Off for <c>rewrite</c>, whose output must stay runnable as published.
    /// </summary>
    public bool RetargetToHostFramework { get; init; }

    /// <summary>
    /// Leave nested apps (a subfolder with its own deps.json or runtimeconfig.json, see <see cref="Loading.AppMembership"/>)
    /// out of the output. For the run cache: the .NET host never loads them for this app, and under the managed view
    /// the guest reads its own folder where the user put it, not the cache; the <c>win-x64/</c> a build folder holds
    /// after <c>dotnet publish -r win-x64</c> would otherwise add a runtime pack (some 70 MB) to every entry.
    /// </summary>
    public bool OmitNestedApps { get; init; }

    /// <summary>
    /// Give the guest its own platform's view of the managed BCL (System.IO paths, Path syntax, known folders,
    /// environment, platform checks) over the guest file system the native shims use. On by default.
    /// </summary>
    public bool ManagedView { get; init; } = true;

    /// <summary>The platform the guest was written for (<c>windows</c> or <c>posix</c>); null detects it from the app.</summary>
    public string? GuestPlatform { get; init; }

    /// <summary>
    /// Make the output run on this runtime identifier by itself (<c>rewrite --target</c>): its runtime pack and apphost,
    /// configuration and RID-specific package builds (see <see cref="Retargeting.AppRetargeter"/>). Null keeps the input's.
    /// </summary>
    public Retargeting.TargetRuntime? Target { get; init; }

    /// <summary>With <see cref="Target"/>: name the shared framework instead of carrying a runtime (<c>--framework-dependent</c>).</summary>
    public bool FrameworkDependent { get; init; }

    /// <summary>
    /// Build the app contained (<c>rewrite --isolate</c>): its runtimeconfig carries the <c>ApiBridge.Isolate</c> switch,
    /// so no guest path leads outside the prefix wherever it is started (the kernel-level Landlock layer is <c>run</c>'s).
    /// </summary>
    public bool Isolate { get; init; }

    /// <summary>Where retargeting gets runtime and host packs (the NuGet global packages folder, restoring into it).</summary>
    public Retargeting.NuGetPackageStore? Packages { get; init; }

    /// <summary>Upper bound on worker threads for folders with many assemblies (default: every core).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Told about each assembly as it starts and as it is done (for progress display); may be called from several threads.</summary>
    public IProgress<RewriteProgress>? Progress { get; init; }
}

/// <summary>Progress of a rewrite: assemblies done out of those to process, and the one that just started or (<paramref name="Done"/>) finished.</summary>
/// <param name="Assembly">The assembly's path in the input.</param>
public sealed record RewriteProgress(int Completed, int Total, string Assembly, bool Done);
