using ApiBridge.Shims.Win32.Registry;

// RegistryWriter <prefix> <key under HKCU> <value-name-prefix> <count>
// Sets <value-name-prefix><i> = i (REG_DWORD) for i in [0, count) through the managed RegistryKey shim, writing
// "ack <i>" to stdout after each SetValue has returned (the change is then on disk). count 0 = forever.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: RegistryWriter <prefix> <key under HKCU> <value-name-prefix> <count>");
    return 2;
}
Environment.SetEnvironmentVariable("APIBRIDGE_PREFIX", args[0]);
var count = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
using var key = WindowsRegistry.CurrentUser.CreateSubKey(args[1]);
var output = Console.Out;
for (var i = 0; count == 0 || i < count; i++)
{
    key.SetValue(args[2] + i, i);
    output.Write("ack " + i + "\n");
    output.Flush();
}
output.Write("done\n");
return 0;
