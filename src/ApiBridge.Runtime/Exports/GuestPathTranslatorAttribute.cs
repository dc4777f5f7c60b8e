namespace ApiBridge.Runtime.Exports;

/// <summary>
/// Marks the static class that translates paths between a guest platform and the host for the managed view: the
/// one guest file system the native shims use (drive table, case rules, isolation). The rewriter generates, for each
/// BCL member that takes or returns paths (<c>File.Exists</c>, <c>FileInfo.FullName</c>, <c>new FileStream(path, …)</c>),
/// a wrapper that passes path arguments through its <c>ToHost(string)</c> and path results through <c>ToGuest(string)</c>
/// (and the <c>string[]</c> / <c>IEnumerable&lt;string&gt;</c> overloads of <c>ToGuest</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GuestPathTranslatorAttribute : Attribute
{
    /// <param name="guestPlatform"><c>windows</c> or <c>posix</c>.</param>
    public GuestPathTranslatorAttribute(string guestPlatform) => GuestPlatform = guestPlatform;

    public string GuestPlatform { get; }
}
