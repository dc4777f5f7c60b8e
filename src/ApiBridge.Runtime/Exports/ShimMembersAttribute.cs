namespace ApiBridge.Runtime.Exports;

/// <summary>
/// Marks a static class whose public static members replace, one by one, members of a platform-dependent BCL type
/// (<c>System.IO.Path</c>, <c>System.OperatingSystem</c>, <c>System.Environment</c> …) in a rewritten guest, while the
/// type itself stays the BCL's (guests pass its instances on to other code). The rewriter matches by name and
/// signature, with no hand-kept list:
/// <list type="bullet">
/// <item>a static method replaces the static method of the same name and parameter types (<c>call</c>, <c>ldftn</c>);</item>
/// <item>a static method whose first parameter is the replaced type replaces the instance method of that name with
///   the remaining parameters (<c>call</c>, <c>callvirt</c>, <c>ldftn</c>, <c>ldvirtftn</c>);</item>
/// <item>a static property replaces the static property of the same name (its <c>get_</c>/<c>set_</c> methods), and
///   loads of a static field of that name (<c>ldsfld</c> becomes a call of the getter);</item>
/// <item>a static method named <c>New</c> returning the replaced type replaces the constructor with its parameters
///   (<c>newobj</c> becomes a call of the factory).</item>
/// </list>
/// A member of the replaced type with no match is left alone (the host's behaviour); <c>analyze</c> lists it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ShimMembersAttribute : Attribute
{
    /// <param name="replacedType">Full name of the BCL type whose members are replaced (<c>System.IO.Path</c>).</param>
    /// <param name="guestPlatform">The guest platform the replacements are for: <c>windows</c> or <c>posix</c>.</param>
    /// <param name="channel">Relay tracing channel (<c>path</c>, <c>platform</c>, <c>env</c>, <c>file</c> …).</param>
    public ShimMembersAttribute(string replacedType, string guestPlatform, string channel)
    {
        ReplacedType = replacedType;
        GuestPlatform = guestPlatform;
        Channel = channel;
    }

    public string ReplacedType { get; }

    public string GuestPlatform { get; }

    public string Channel { get; }
}
