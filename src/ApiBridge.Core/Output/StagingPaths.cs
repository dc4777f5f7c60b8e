namespace ApiBridge.Core.Output;

/// <summary>
/// The staging folder is the bridge's own business: an error raised while the output is assembled there is
/// re-told with the output folder the user asked for in its place, keeping its kind (and so its exit code).
/// </summary>
public static class StagingPaths
{
    public static bool Mentions(Exception error, string staging) =>
        error is GuestInputException or IOException or UnauthorizedAccessException
        && error.Message.Contains(staging, StringComparison.Ordinal);

    public static Exception Renamed(Exception error, string staging, string output)
    {
        var message = error.Message.Replace(staging, output, StringComparison.Ordinal);
        return error switch
        {
            GuestInputException => new GuestInputException(message, error),
            UnauthorizedAccessException => new UnauthorizedAccessException(message, error),
            _ => new IOException(message, error),
        };
    }
}
