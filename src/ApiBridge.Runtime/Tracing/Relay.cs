using System.Globalization;
using System.Text;
using Serilog;
using Serilog.Core;

namespace ApiBridge.Runtime.Tracing;

/// <summary>
/// Relay tracing of shim calls, like Wine's <c>WINEDEBUG=+relay</c> but per channel and per function.
/// Configured once per process from <c>APIBRIDGE_TRACE</c> (channels) and <c>APIBRIDGE_TRACE_FILE</c>
/// (a file instead of stderr). Each rewritten module gets one static readonly flag per traced function, set from
/// <see cref="IsOn"/> once; the JIT folds it to a constant, so a call pays nothing for tracing unless its own
/// function is traced.
/// </summary>
public static class Relay
{
    public const string SpecificationVariable = BridgeVariables.Trace;
    public const string FileVariable = BridgeVariables.TraceFile;

    /// <summary>True when any channel is on for this process.</summary>
    public static readonly bool Enabled;

    private static readonly RelayChannels Channels;
    private static Logger? logger;

    static Relay()
    {
        try
        {
            var specification = Environment.GetEnvironmentVariable(SpecificationVariable);
            // `run --trace` refuses a bad specification; one set in the environment by hand is used as far as it goes.
            if (!string.IsNullOrWhiteSpace(specification) && RelayChannels.Validate(specification) is { } problem)
                Console.Error.WriteLine($"apibridge: {SpecificationVariable}: {problem}");
            Channels = RelayChannels.Parse(specification);
        }
        catch (FormatException error)
        {
            Console.Error.WriteLine($"apibridge: ignoring {SpecificationVariable}: {error.Message}");
            Channels = RelayChannels.None;
        }
        Enabled = Channels.AnyEnabled;
    }

    /// <summary>Whether calls of <paramref name="function"/> on <paramref name="channel"/> are logged.</summary>
    public static bool IsOn(string channel, string function) => Enabled && Channels.IsEnabled(channel, function);

    /// <summary>Logs one completed shim call with the guest's arguments, the result and the thread's last error.</summary>
    public static void Call(string channel, string library, string function, object?[] arguments, object? result)
    {
        var log = logger ?? CreateLogger();
        var lastError = LastError.Value;
        log.Information("{Channel} {Library}.{Function}({Arguments}) ret={Result} err={LastError}",
            channel, library, function, new RawText(FormatArguments(arguments)), new RawText(Format(result)), lastError);
    }

    /// <summary>
    /// Logs a call of a function without arguments, for shims that trace themselves (<c>[ShimExport(CannotFail = true)]</c>).
    /// Kept out of line so the shim stays small enough for the JIT to inline into its caller.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void CallWithoutArguments(string channel, string library, string function, object? result) =>
        Call(channel, library, function, Array.Empty<object?>(), result);

    /// <summary>Flushes a trace file before the process ends (ExitProcess, exit).</summary>
    public static void Flush() => logger?.Dispose();

    private static Logger CreateLogger()
    {
        lock (typeof(Relay))
        {
            if (logger is not null)
                return logger;
            var configuration = new LoggerConfiguration().MinimumLevel.Information();
            var file = Environment.GetEnvironmentVariable(FileVariable);
            const string template = "trace:{Message:lj}{NewLine}";
            configuration = string.IsNullOrEmpty(file)
                ? configuration.WriteTo.Console(outputTemplate: template, standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
                : configuration.WriteTo.File(file, outputTemplate: template, shared: true, flushToDiskInterval: null);
            logger = configuration.CreateLogger();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => logger.Dispose();
            return logger;
        }
    }

    private static string FormatArguments(object?[] arguments)
    {
        var text = new StringBuilder();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
                text.Append(',');
            text.Append(Format(arguments[i]));
        }
        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        nint p => "0x" + p.ToString("x", CultureInfo.InvariantCulture),
        nuint p => "0x" + p.ToString("x", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        StringBuilder sb => "\"" + sb + "\"",
        System.Runtime.InteropServices.SafeHandle h => h.IsClosed ? "<closed>" : "0x" + h.DangerousGetHandle().ToString("x"),
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        ValueType structure => FormatFields(structure),
        _ => value.GetType().Name,
    };

    /// <summary>A structure as <c>{Field=value,…}</c> (SYSTEMTIME, FILETIME …): tracing is rare, reflection is fine here.</summary>
    private static string FormatFields(object structure)
    {
        var fields = structure.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public);
        if (fields.Length == 0)
            return structure.GetType().Name;
        return "{" + string.Join(",", fields.Select(f => f.Name + "=" + Format(f.GetValue(structure)))) + "}";
    }

    /// <summary>Text that Serilog renders as is, without quotes.</summary>
    private sealed class RawText(string text)
    {
        public override string ToString() => text;
    }
}
