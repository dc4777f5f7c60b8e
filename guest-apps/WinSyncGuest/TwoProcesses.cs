using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static WinSyncGuest.Native;

namespace WinSyncGuest;

/// <summary>
/// Named objects shared by two processes: the parent starts a second instance of itself, which opens the parent's
/// named event, mutex and semaphore. They hand the mutex over and back, signal each other, and a child that ends
/// owning a mutex leaves it abandoned. The names carry the parent's process id (given to the child as TAG).
/// </summary>
internal static class TwoProcesses
{
    private const uint ChildTimeout = 30000;

    public static void Run()
    {
        var tag = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Handover(tag);
        Abandon(tag);
    }

    private static void Handover(string tag)
    {
        var ready = Print.Handle("parent CreateEventW(ready)", CreateEventW(IntPtr.Zero, false, false, Names.Ready(tag)));
        var go = Print.Handle("parent CreateEventW(go)", CreateEventW(IntPtr.Zero, false, false, Names.Go(tag)));
        var mutex = Print.Handle("parent CreateMutexW(owned)", CreateMutexW(IntPtr.Zero, true, Names.Mutex(tag)));
        var semaphore = Print.Handle("parent CreateSemaphoreW(0 of 1)", CreateSemaphoreW(IntPtr.Zero, 0, 1, Names.Semaphore(tag)));
        var child = Start("handover", tag);
        Print.Line("CreateProcessW(child handover)", child.hProcess != IntPtr.Zero);
        Print.Wait("wait for the child to open the objects (ready)", WaitForSingleObject(ready, ChildTimeout));
        Print.Wait("the child waits for the parent's mutex (child process, 300)", WaitForSingleObject(child.hProcess, 300));
        Print.Call("parent ReleaseMutex (hand over)", ReleaseMutex(mutex));
        Print.Wait("wait for the child to own the mutex (ready)", WaitForSingleObject(ready, ChildTimeout));
        Print.Wait("parent WaitForSingleObject(mutex the child owns, 0)", WaitForSingleObject(mutex, 0));
        Print.Wait("parent WaitForSingleObject(mutex the child owns, 100)", WaitForSingleObject(mutex, 100));
        Print.Call("parent SetEvent(go)", SetEvent(go));
        Print.Wait("parent WaitForSingleObject(mutex, the child releases it)", WaitForSingleObject(mutex, ChildTimeout));
        Print.Wait("parent WaitForSingleObject(semaphore the child released)", WaitForSingleObject(semaphore, ChildTimeout));
        Print.Call("parent ReleaseMutex", ReleaseMutex(mutex));
        Print.Wait("WaitForSingleObject(child process)", WaitForSingleObject(child.hProcess, ChildTimeout));
        Print.Call("GetExitCodeProcess(child)", GetExitCodeProcess(child.hProcess, out var code));
        Print.Line("child exit code (0: every check passed, else the failed checks' bits)", code);
        CloseHandle(child.hProcess);
        CloseHandle(child.hThread);
        foreach (var handle in new[] { ready, go, mutex, semaphore })
            CloseHandle(handle);
        // Both processes' handles are closed: the names are gone with the objects.
        Print.Handle("OpenEventW(ready) after both processes closed it", OpenEventW(SYNCHRONIZE, false, Names.Ready(tag)));
        Print.Handle("OpenMutexW(mutex) after both processes closed it", OpenMutexW(SYNCHRONIZE, false, Names.Mutex(tag)));
    }

    private static void Abandon(string tag)
    {
        var mutex = Print.Handle("parent CreateMutexW(abandon, not owned)", CreateMutexW(IntPtr.Zero, false, Names.Abandoned(tag)));
        var child = Start("abandon", tag);
        Print.Wait("WaitForSingleObject(child that takes the mutex and exits)", WaitForSingleObject(child.hProcess, ChildTimeout));
        Print.Call("GetExitCodeProcess(child)", GetExitCodeProcess(child.hProcess, out var code));
        Print.Line("child exit code", code);
        Print.Wait("parent WaitForSingleObject(mutex abandoned by the child)", WaitForSingleObject(mutex, ChildTimeout));
        Print.Wait("parent WaitForSingleObject(it again)", WaitForSingleObject(mutex, 0));
        Print.Call("parent ReleaseMutex 1", ReleaseMutex(mutex));
        Print.Call("parent ReleaseMutex 2", ReleaseMutex(mutex));
        Print.Call("parent ReleaseMutex 3", ReleaseMutex(mutex));
        CloseHandle(child.hProcess);
        CloseHandle(child.hThread);
        CloseHandle(mutex);
    }

    private static PROCESS_INFORMATION Start(string mode, string tag)
    {
        var buffer = new char[1024];
        var self = new string(buffer, 0, (int)GetModuleFileNameW(IntPtr.Zero, buffer, (uint)buffer.Length));
        var startup = new STARTUPINFO { cb = Marshal.SizeOf<STARTUPINFO>() };
        var commandLine = new StringBuilder($"\"{self}\" child {mode} {tag}");
        if (!CreateProcessW(self, commandLine, IntPtr.Zero, IntPtr.Zero, false, CREATE_NO_WINDOW, IntPtr.Zero, null, ref startup, out var info))
            Print.Call($"CreateProcessW(child {mode})", false);
        return info;
    }
}

internal static class Names
{
    public static string Ready(string tag) => $"Local\\WinSyncGuest.{tag}.ready";
    public static string Go(string tag) => $"WinSyncGuest.{tag}.go";
    public static string Mutex(string tag) => $"Local\\WinSyncGuest.{tag}.mutex";
    public static string Semaphore(string tag) => $"WinSyncGuest.{tag}.semaphore";
    public static string Abandoned(string tag) => $"WinSyncGuest.{tag}.abandoned";
}

/// <summary>The second instance: it prints nothing (its output would interleave with the parent's) and reports failed checks as exit code bits.</summary>
internal static class Child
{
    public static int Run(string mode, string tag) => mode switch
    {
        "handover" => Handover(tag),
        "abandon" => Abandon(tag),
        _ => 255,
    };

    private static int Handover(string tag)
    {
        var failed = 0;
        var ready = OpenEventW(EVENT_MODIFY_STATE | SYNCHRONIZE, false, Names.Ready(tag));
        if (ready == IntPtr.Zero) failed |= 1;
        var go = OpenEventW(SYNCHRONIZE, false, Names.Go(tag));
        if (go == IntPtr.Zero) failed |= 2;
        // Creating the parent's mutex again opens it: ERROR_ALREADY_EXISTS, and bInitialOwner is ignored.
        var mutex = CreateMutexW(IntPtr.Zero, true, Names.Mutex(tag));
        if (mutex == IntPtr.Zero || Marshal.GetLastWin32Error() != ERROR_ALREADY_EXISTS) failed |= 4;
        var semaphore = OpenSemaphoreW(SEMAPHORE_MODIFY_STATE | SYNCHRONIZE, false, Names.Semaphore(tag));
        if (semaphore == IntPtr.Zero) failed |= 8;
        SetEvent(ready);
        if (WaitForSingleObject(mutex, 30000) != WAIT_OBJECT_0) failed |= 16;
        SetEvent(ready);
        if (WaitForSingleObject(go, 30000) != WAIT_OBJECT_0) failed |= 32;
        if (!ReleaseMutex(mutex)) failed |= 64;
        if (!ReleaseSemaphore(semaphore, 1, out var previous) || previous != 0) failed |= 128;
        return failed;
    }

    private static int Abandon(string tag)
    {
        var mutex = OpenMutexW(SYNCHRONIZE, false, Names.Abandoned(tag));
        if (mutex == IntPtr.Zero) return 1;
        // Exits owning the mutex, its handle not closed: the process's end abandons it.
        return WaitForSingleObject(mutex, 30000) == WAIT_OBJECT_0 ? 0 : 2;
    }
}
