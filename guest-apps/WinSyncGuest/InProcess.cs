using static WinSyncGuest.Native;

namespace WinSyncGuest;

/// <summary>
/// Events, mutexes, semaphores and waits within one process, with the Win32 error codes of their failures. Names
/// carry the process id (never printed) so that two runs on one machine cannot meet.
/// </summary>
internal static class InProcess
{
    private static readonly string Tag = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Run()
    {
        Events();
        NamedEvents();
        Mutexes();
        AbandonedByThread();
        Semaphores();
        MultipleWaits();
        Threads();
        Times();
    }

    private static void Events()
    {
        var manual = Print.Handle("CreateEventW(manual, unset)", CreateEventW(IntPtr.Zero, true, false, null));
        Print.Wait("WaitForSingleObject(unset event, 0)", WaitForSingleObject(manual, 0));
        Print.Wait("WaitForSingleObject(unset event, 100)", WaitForSingleObject(manual, 100));
        Print.Call("SetEvent", SetEvent(manual));
        Print.Wait("WaitForSingleObject(manual event) first", WaitForSingleObject(manual, 0));
        Print.Wait("WaitForSingleObject(manual event) stays set", WaitForSingleObject(manual, 0));
        Print.Call("ResetEvent", ResetEvent(manual));
        Print.Wait("WaitForSingleObject(reset event, 0)", WaitForSingleObject(manual, 0));

        var auto = Print.Handle("CreateEventW(auto, set)", CreateEventW(IntPtr.Zero, false, true, null));
        Print.Wait("WaitForSingleObject(auto event) first", WaitForSingleObject(auto, 0));
        Print.Wait("WaitForSingleObject(auto event) was reset by the wait", WaitForSingleObject(auto, 0));

        // A wait that another thread ends: the worker sets the event after the main thread started waiting.
        var worker = new Thread(() => { Thread.Sleep(100); SetEvent(auto); });
        worker.Start();
        Print.Wait("WaitForSingleObject(auto event set by a thread, INFINITE)", WaitForSingleObject(auto, INFINITE));
        worker.Join();

        Print.Call("SetEvent(closed handle)", CloseHandle(manual) && SetEvent(manual));
        CloseHandle(auto);
    }

    private static void NamedEvents()
    {
        var name = $"WinSyncGuest.{Tag}.event";
        var first = Print.Handle("CreateEventW(named)", CreateEventW(IntPtr.Zero, true, false, name));
        var second = Print.Handle("CreateEventW(same name, initially set)", CreateEventW(IntPtr.Zero, true, true, name));
        Print.Wait("WaitForSingleObject(named event: the second create's initial state is not applied)", WaitForSingleObject(first, 0));
        var opened = Print.Handle("OpenEventW(same name)", OpenEventW(SYNCHRONIZE | EVENT_MODIFY_STATE, false, name));
        Print.Call("SetEvent(through the opened handle)", SetEvent(opened));
        Print.Wait("WaitForSingleObject(first handle)", WaitForSingleObject(first, 0));
        Print.Handle("CreateMutexW(the event's name)", CreateMutexW(IntPtr.Zero, false, name));
        Print.Handle("OpenMutexW(the event's name)", OpenMutexW(SYNCHRONIZE, false, name));
        Print.Handle("OpenEventW(missing name)", OpenEventW(SYNCHRONIZE, false, $"WinSyncGuest.{Tag}.missing"));
        Print.Handle("OpenEventW(NULL name)", OpenEventW(SYNCHRONIZE, false, null));
        CloseHandle(first);
        CloseHandle(second);
        CloseHandle(opened);
        Print.Handle("OpenEventW(after its last handle closed)", OpenEventW(SYNCHRONIZE, false, name));
    }

    private static void Mutexes()
    {
        var name = $"WinSyncGuest.{Tag}.mutex";
        var mutex = Print.Handle("CreateMutexW(named, not owned)", CreateMutexW(IntPtr.Zero, false, name));
        var again = Print.Handle("CreateMutexW(same name)", CreateMutexW(IntPtr.Zero, true, name));
        var opened = Print.Handle("OpenMutexW(same name)", OpenMutexW(MUTEX_ALL_ACCESS, false, name));
        Print.Call("ReleaseMutex(not owned)", ReleaseMutex(mutex));
        Print.Wait("WaitForSingleObject(mutex)", WaitForSingleObject(mutex, 0));
        Print.Wait("WaitForSingleObject(mutex again: recursive, through another handle)", WaitForSingleObject(opened, 0));
        uint other = 0;
        var thread = new Thread(() =>
        {
            other = WaitForSingleObject(mutex, 100);
        });
        thread.Start();
        thread.Join();
        Print.Line("another thread's WaitForSingleObject(owned mutex, 100)", Print.Describe(other));
        var released = new Thread(() => other = ReleaseMutex(mutex) ? 1u : (uint)System.Runtime.InteropServices.Marshal.GetLastWin32Error());
        released.Start();
        released.Join();
        Print.Line("another thread's ReleaseMutex (1 = released, else the error)", other);
        Print.Call("ReleaseMutex 1", ReleaseMutex(mutex));
        Print.Call("ReleaseMutex 2", ReleaseMutex(mutex));
        Print.Call("ReleaseMutex 3 (no longer owned)", ReleaseMutex(mutex));
        Print.Handle("CreateEventW(the mutex's name)", CreateEventW(IntPtr.Zero, false, false, name));
        var owned = Print.Handle("CreateMutexW(initial owner)", CreateMutexW(IntPtr.Zero, true, null));
        Print.Call("ReleaseMutex(initially owned)", ReleaseMutex(owned));
        CloseHandle(owned);
        CloseHandle(mutex);
        CloseHandle(again);
        CloseHandle(opened);
    }

    private static void AbandonedByThread()
    {
        var mutex = CreateMutexW(IntPtr.Zero, false, null);
        uint taken = 0;
        var owner = new Thread(() => taken = WaitForSingleObject(mutex, INFINITE));
        owner.Start();
        owner.Join(); // the thread ends owning the mutex
        Print.Line("owner thread's WaitForSingleObject", Print.Describe(taken));
        Print.Wait("WaitForSingleObject(mutex whose owner thread ended)", WaitForSingleObject(mutex, 1000));
        Print.Wait("WaitForSingleObject(it again, now owned twice)", WaitForSingleObject(mutex, 0));
        Print.Call("ReleaseMutex 1", ReleaseMutex(mutex));
        Print.Call("ReleaseMutex 2", ReleaseMutex(mutex));
        Print.Call("ReleaseMutex 3", ReleaseMutex(mutex));
        CloseHandle(mutex);
    }

    private static void Semaphores()
    {
        var name = $"WinSyncGuest.{Tag}.semaphore";
        var semaphore = Print.Handle("CreateSemaphoreW(1 of 3, named)", CreateSemaphoreW(IntPtr.Zero, 1, 3, name));
        var again = Print.Handle("CreateSemaphoreW(same name)", CreateSemaphoreW(IntPtr.Zero, 0, 9, name));
        var opened = Print.Handle("OpenSemaphoreW(same name)", OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, false, name));
        Print.Call("ReleaseSemaphore(1)", ReleaseSemaphore(semaphore, 1, out var previous));
        Print.Line("previous count", previous);
        previous = -1;
        Print.Call("ReleaseSemaphore(2) past the maximum", ReleaseSemaphore(opened, 2, out previous));
        Print.Line("previous count after a failed release", previous);
        Print.Wait("WaitForSingleObject(semaphore) 1", WaitForSingleObject(semaphore, 0));
        Print.Wait("WaitForSingleObject(semaphore) 2", WaitForSingleObject(again, 0));
        Print.Wait("WaitForSingleObject(semaphore) 3", WaitForSingleObject(semaphore, 50));
        Print.Call("ReleaseSemaphore(3)", ReleaseSemaphore(semaphore, 3, out previous));
        Print.Line("previous count", previous);
        Print.Handle("CreateSemaphoreW(initial 4 > maximum 3)", CreateSemaphoreW(IntPtr.Zero, 4, 3, null));
        Print.Handle("CreateSemaphoreW(maximum 0)", CreateSemaphoreW(IntPtr.Zero, 0, 0, null));

        // Three threads blocked on an empty semaphore are let through by one release of 3.
        var gate = CreateSemaphoreW(IntPtr.Zero, 0, 3, null);
        var passed = 0;
        var workers = Enumerable.Range(0, 3).Select(_ => new Thread(() =>
        {
            if (WaitForSingleObject(gate, 10000) == WAIT_OBJECT_0)
                Interlocked.Increment(ref passed);
        })).ToList();
        workers.ForEach(w => w.Start());
        Thread.Sleep(100);
        Print.Call("ReleaseSemaphore(3) to three waiting threads", ReleaseSemaphore(gate, 3, out previous));
        workers.ForEach(w => w.Join());
        Print.Line("threads let through", passed);
        Print.Wait("WaitForSingleObject(emptied semaphore, 0)", WaitForSingleObject(gate, 0));
        Print.Call("ReleaseSemaphore(wrong kind: an event)", ReleaseSemaphore(CreateEventW(IntPtr.Zero, false, false, null), 1, out _));
        CloseHandle(gate);
        CloseHandle(semaphore);
        CloseHandle(again);
        CloseHandle(opened);
    }

    private static void MultipleWaits()
    {
        var a = CreateEventW(IntPtr.Zero, false, false, null);
        var b = CreateEventW(IntPtr.Zero, false, false, null);
        IntPtr[] both = [a, b];
        Print.Wait("WaitForMultipleObjects(any, none set, 100)", WaitForMultipleObjects(2, both, false, 100));
        SetEvent(b);
        Print.Wait("WaitForMultipleObjects(all, only the second set, 100)", WaitForMultipleObjects(2, both, true, 100));
        Print.Wait("WaitForMultipleObjects(any, the second set)", WaitForMultipleObjects(2, both, false, 0));
        SetEvent(a);
        SetEvent(b);
        Print.Wait("WaitForMultipleObjects(any, both set)", WaitForMultipleObjects(2, both, false, 0));
        Print.Wait("WaitForMultipleObjects(any, the first was taken)", WaitForMultipleObjects(2, both, false, 0));
        SetEvent(a);
        SetEvent(b);
        Print.Wait("WaitForMultipleObjects(all, both set)", WaitForMultipleObjects(2, both, true, 0));
        Print.Wait("WaitForMultipleObjects(any, after wait-all took both)", WaitForMultipleObjects(2, both, false, 0));

        // Wait-all acquires nothing until everything is signalled: a mutex and an unset event.
        var mutex = CreateMutexW(IntPtr.Zero, false, null);
        IntPtr[] mixed = [mutex, a];
        Print.Wait("WaitForMultipleObjects(all, free mutex + unset event, 50)", WaitForMultipleObjects(2, mixed, true, 50));
        uint fromThread = 0;
        var other = new Thread(() => { fromThread = WaitForSingleObject(mutex, 0); if (fromThread == WAIT_OBJECT_0) ReleaseMutex(mutex); });
        other.Start();
        other.Join();
        Print.Line("the mutex stayed free", Print.Describe(fromThread));
        var setter = new Thread(() => { Thread.Sleep(100); SetEvent(a); });
        setter.Start();
        Print.Wait("WaitForMultipleObjects(all, mutex + event set by a thread, 10000)", WaitForMultipleObjects(2, mixed, true, 10000));
        setter.Join();
        Print.Call("ReleaseMutex(acquired by wait-all)", ReleaseMutex(mutex));

        Print.Wait("WaitForMultipleObjects(0 handles)", WaitForMultipleObjects(0, [a], false, 0));
        Print.Wait("WaitForMultipleObjects(an invalid handle)", WaitForMultipleObjects(2, [a, (IntPtr)0x7777], false, 0));
        Print.Wait("WaitForSingleObject(an invalid handle)", WaitForSingleObject((IntPtr)0x7777, 0));
        CloseHandle(mutex);
        CloseHandle(a);
        CloseHandle(b);
    }

    private static void Threads()
    {
        // Ten threads each take the mutex a hundred times around an unsynchronized counter: none is lost.
        var mutex = CreateMutexW(IntPtr.Zero, false, null);
        var counter = 0;
        var threads = Enumerable.Range(0, 10).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                WaitForSingleObject(mutex, INFINITE);
                var seen = counter;
                Thread.Yield();
                counter = seen + 1;
                ReleaseMutex(mutex);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Print.Line("counter after 10 threads x 100 mutex-guarded increments", counter);
        CloseHandle(mutex);
    }

    private static void Times()
    {
        GetSystemTimeAsFileTime(out var now);
        Print.Call("GetThreadTimes(current thread)", GetThreadTimes(GetCurrentThread(), out var created, out var exited, out var kernel, out var user));
        Print.Line("thread created in the last day, not in the future", created > now - TimeSpan.TicksPerDay && created <= now);
        Print.Line("thread exit time 0", exited == 0);
        Print.Line("thread kernel and user times not negative", kernel >= 0 && user >= 0);
        Print.Call("GetProcessTimes(current process)", GetProcessTimes(GetCurrentProcess(), out created, out exited, out kernel, out user));
        Print.Line("process created in the last day, not in the future", created > now - TimeSpan.TicksPerDay && created <= now);
        Print.Line("process exit time 0", exited == 0);
        Print.Line("process used some CPU", kernel + user > 0);
        Print.Call("GetThreadTimes(invalid handle)", GetThreadTimes((IntPtr)0x7777, out _, out _, out _, out _));
    }
}
