using ApiBridge.Core.Output;

// ApiBridge.PayloadBuilder <build folder> <payload folder>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ApiBridge.PayloadBuilder <folder with ApiBridge.Runtime.dll and the shims> <payload folder>");
    return 2;
}
try
{
    var files = PayloadVendoring.Build(Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
    Console.WriteLine($"ApiBridge payload: {string.Join(", ", files.Where(f => f.EndsWith(".dll", StringComparison.Ordinal)))} -> {args[1]}");
    return 0;
}
catch (Exception error)
{
    Console.Error.WriteLine($"ApiBridge.PayloadBuilder: error: {error.Message}");
    return 1;
}
