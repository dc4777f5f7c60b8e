namespace ApiBridge.Run.Cache;

/// <summary>
/// Where an installed ApiBridge keeps what it places beside rewritten guests: the <c>payload/</c> folder beside the
/// rewriter (apibridge.dll), made by the build with the third-party assemblies renamed (ApiBridge.Vendor.*). The
/// rewriter's own folder keeps the assemblies it runs on itself, under their usual names.
/// </summary>
public static class BridgeLayout
{
    public const string PayloadFolder = "payload";

    public static string PayloadDirectory(string toolDirectory) => Path.Combine(toolDirectory, PayloadFolder);
}
