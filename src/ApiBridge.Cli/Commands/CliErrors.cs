using ApiBridge.Core;
using Mono.Cecil;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// Turns failures into one clear line on stderr and a non-zero exit code: 2 for input ApiBridge refuses,
/// 1 for anything unexpected (with the stack trace only when APIBRIDGE_DEBUG is set).
/// </summary>
internal static class CliErrors
{
    public const int BadInput = 2;
    public const int InternalError = 1;

    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (GuestInputException error)
        {
            return Report(BadInput, error.Message, error);
        }
        catch (ApiBridge.Core.Output.PayloadMismatchException error)
        {
            return Report(InternalError, $"installation problem: {error.Message}", error);
        }
        catch (AssemblyResolutionException error)
        {
            return Report(BadInput, $"cannot find {error.AssemblyReference.FullName}, which the guest references: is the app folder complete?", error);
        }
        catch (Exception error) when (error is BadImageFormatException)
        {
            return Report(BadInput, $"corrupt .NET metadata: {error.Message}", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Report(BadInput, error.Message, error);
        }
        catch (Exception error)
        {
            return Report(InternalError, $"internal error: {error.GetType().Name}: {error.Message} (set APIBRIDGE_DEBUG=1 for details)", error);
        }
    }

    private static int Report(int code, string message, Exception error)
    {
        Console.Error.WriteLine($"apibridge: {message}");
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("APIBRIDGE_DEBUG")))
            Console.Error.WriteLine(error);
        return code;
    }
}
