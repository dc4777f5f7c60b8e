namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>
/// All end-to-end tests share one collection: they run one at a time (each starts heavy child processes on a
/// 2-core machine) and share the once-per-run singletons (Wine prefix, win-x64 publish, Wine reference runs).
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "EndToEnd";
}
