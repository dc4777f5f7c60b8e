namespace ApiBridge.Core;

/// <summary>
/// Input ApiBridge refuses, with a message for the user (one line, no stack trace): a missing file, something
/// that is not a .NET assembly, a reference or mixed-mode assembly, an unreadable folder, a bad output place.
/// </summary>
public sealed class GuestInputException : Exception
{
    public GuestInputException(string message)
        : base(message)
    {
    }

    public GuestInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
