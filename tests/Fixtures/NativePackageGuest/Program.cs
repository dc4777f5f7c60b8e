using Microsoft.Data.Sqlite;

// What a Windows app does with SQLite, as the package's documentation shows: a database file, a table, a query.
// With --keep the database stays and its path is printed, so a test can see where the native library put it.
var keep = args.Contains("--keep");
var path = Path.Combine(Path.GetTempPath(), $"native-package-guest-{Guid.NewGuid():N}.db");
using (var connection = new SqliteConnection($"Data Source={path}"))
{
    connection.Open();
    var create = connection.CreateCommand();
    create.CommandText = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada'), ('grace');";
    create.ExecuteNonQuery();
    var query = connection.CreateCommand();
    query.CommandText = "SELECT group_concat(name, ',') FROM users ORDER BY id";
    Console.WriteLine($"users: {query.ExecuteScalar()}");
    var version = connection.CreateCommand();
    version.CommandText = "SELECT sqlite_version()";
    Console.WriteLine($"sqlite major version: {((string)version.ExecuteScalar()!).Split('.')[0]}");
}
SqliteConnection.ClearAllPools();
// The managed view sees the guest's file system: true only when SQLite wrote where the guest asked.
Console.WriteLine($"database where the guest put it: {File.Exists(path)}");
if (keep)
    Console.WriteLine($"kept: {path}");
else
    File.Delete(path);
Console.WriteLine("done");
