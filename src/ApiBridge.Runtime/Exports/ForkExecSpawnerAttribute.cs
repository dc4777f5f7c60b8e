namespace ApiBridge.Runtime.Exports;

/// <summary>
/// Marks the static class the rewriter's fork+exec rule calls: where a guest forks only to exec a program at once,
/// the fork call becomes its <c>int fork_for_exec()</c> (0: the guest's child branch sets up exec's arguments and
/// calls exec, which then starts the program as a child instead of replacing the guest) and, right after that exec
/// call, <c>int exec_spawned(int failedExitStatus)</c> gives the parent branch the child's pid.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ForkExecSpawnerAttribute : Attribute
{
}
