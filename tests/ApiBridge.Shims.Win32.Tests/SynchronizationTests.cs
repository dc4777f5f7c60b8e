using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// Events, mutexes and semaphores with kernel32's waits, after the contracts of Wine's dlls/kernel32/tests/sync.c:
/// reset modes, what a wait acquires, named objects and their errors, abandoned mutexes, semaphore limits.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class SynchronizationTests
{
    private const uint WAIT_OBJECT_0 = 0, WAIT_ABANDONED_0 = 0x80, WAIT_TIMEOUT = 258, WAIT_FAILED = 0xFFFFFFFF;

    private static int Err => LastError.Value;

    private static nint Event(bool manual, bool initial, string? name = null)
    {
        fixed (char* n = name)
            return Synchronization.CreateEventW(0, manual ? 1 : 0, initial ? 1 : 0, name is null ? null : n);
    }

    private static uint Wait(nint handle, uint ms = 0) => Waits.WaitForSingleObject(handle, ms);

    private static uint WaitAny(uint ms, params nint[] handles)
    {
        fixed (nint* h = handles)
            return Waits.WaitForMultipleObjects((uint)handles.Length, h, 0, ms);
    }

    [Fact]
    public void An_auto_reset_event_lets_one_wait_through_a_manual_one_every_wait()
    {
        var auto = Event(manual: false, initial: true);
        Assert.Equal(WAIT_OBJECT_0, Wait(auto));
        Assert.Equal(WAIT_TIMEOUT, Wait(auto)); // the first wait reset it
        Assert.Equal(1, Synchronization.SetEvent(auto));
        Assert.Equal(WAIT_OBJECT_0, Wait(auto));

        var manual = Event(manual: true, initial: false);
        Assert.Equal(WAIT_TIMEOUT, Wait(manual));
        Synchronization.SetEvent(manual);
        Assert.Equal(WAIT_OBJECT_0, Wait(manual));
        Assert.Equal(WAIT_OBJECT_0, Wait(manual));
        Assert.Equal(1, Synchronization.ResetEvent(manual));
        Assert.Equal(WAIT_TIMEOUT, Wait(manual));
        FileHandles.CloseHandle(auto);
        FileHandles.CloseHandle(manual);
    }

    [Fact]
    public void Wait_any_returns_the_lowest_signalled_index_and_acquires_only_that_object()
    {
        var first = Event(manual: false, initial: false);
        var second = Event(manual: false, initial: true);
        var third = Event(manual: false, initial: true);

        Assert.Equal(WAIT_OBJECT_0 + 1, WaitAny(0, first, second, third));
        Assert.Equal(WAIT_OBJECT_0, Wait(third)); // still set: WaitAny took only the second
        Assert.Equal(WAIT_TIMEOUT, WaitAny(0, first, second, third));
        foreach (var h in new[] { first, second, third })
            FileHandles.CloseHandle(h);
    }

    [Fact]
    public void Named_objects_are_found_again_and_refuse_another_kind()
    {
        var name = "ApiBridgeTest-" + Guid.NewGuid().ToString("N");
        LastError.Set(123);
        var created = Event(manual: true, initial: false, name);
        Assert.NotEqual(0, created);
        Assert.Equal(0, Err);

        var again = Event(manual: false, initial: true, name); // the existing object, its state untouched
        Assert.Equal(183, Err); // ERROR_ALREADY_EXISTS
        Assert.Equal(WAIT_TIMEOUT, Wait(again));
        Synchronization.SetEvent(created);
        Assert.Equal(WAIT_OBJECT_0, Wait(again)); // one object behind both handles

        fixed (char* n = name)
        {
            Assert.Equal(0, Synchronization.CreateMutexW(0, 0, n));
            Assert.Equal(6, Err); // ERROR_INVALID_HANDLE: the name is an event's
            var opened = Synchronization.OpenEventW(0x1F0003, 0, n);
            Assert.NotEqual(0, opened);
            FileHandles.CloseHandle(opened);
        }
        FileHandles.CloseHandle(created);
        FileHandles.CloseHandle(again);
        fixed (char* n = name)
        {
            Assert.Equal(0, Synchronization.OpenEventW(0x1F0003, 0, n));
            Assert.Equal(2, Err); // ERROR_FILE_NOT_FOUND: the last handle took the name with it
        }
        Assert.Equal(0, Synchronization.OpenEventW(0x1F0003, 0, null));
        Assert.Equal(87, Err);
    }

    [Fact]
    public void A_mutex_belongs_to_a_thread_and_is_abandoned_when_its_thread_ends()
    {
        var mutex = Synchronization.CreateMutexW(0, 0, null);
        Assert.Equal(WAIT_OBJECT_0, Wait(mutex));
        Assert.Equal(WAIT_OBJECT_0, Wait(mutex)); // recursive
        var releasedElsewhere = -1;
        var error = 0;
        var other = new Thread(() =>
        {
            releasedElsewhere = Synchronization.ReleaseMutex(mutex);
            error = LastError.Value;
        });
        other.Start();
        other.Join();
        Assert.Equal(0, releasedElsewhere);
        Assert.Equal(288, error); // ERROR_NOT_OWNER
        Assert.Equal(1, Synchronization.ReleaseMutex(mutex));
        Assert.Equal(1, Synchronization.ReleaseMutex(mutex));
        Assert.Equal(0, Synchronization.ReleaseMutex(mutex));
        Assert.Equal(288, Err);

        var owner = new Thread(() => Wait(mutex)); // takes it and ends without releasing it
        owner.Start();
        owner.Join();
        Assert.Equal(WAIT_ABANDONED_0, Wait(mutex, 1000));
        Assert.Equal(1, Synchronization.ReleaseMutex(mutex)); // the waiter owns it now
        FileHandles.CloseHandle(mutex);
    }

    [Fact]
    public void A_semaphore_counts_to_its_maximum()
    {
        Assert.Equal(0, Synchronization.CreateSemaphoreW(0, 3, 2, null));
        Assert.Equal(87, Err);
        var semaphore = Synchronization.CreateSemaphoreW(0, 1, 2, null);
        int previous = -1;
        Assert.Equal(1, Synchronization.ReleaseSemaphore(semaphore, 1, &previous));
        Assert.Equal(1, previous);
        Assert.Equal(0, Synchronization.ReleaseSemaphore(semaphore, 1, &previous));
        Assert.Equal(298, Err); // ERROR_TOO_MANY_POSTS
        Assert.Equal(0, Synchronization.ReleaseSemaphore(semaphore, 0, null));
        Assert.Equal(87, Err);
        Assert.Equal(WAIT_OBJECT_0, Wait(semaphore));
        Assert.Equal(WAIT_OBJECT_0, Wait(semaphore));
        Assert.Equal(WAIT_TIMEOUT, Wait(semaphore));
        Assert.Equal(0, Synchronization.SetEvent(semaphore));
        Assert.Equal(6, Err); // not an event
        FileHandles.CloseHandle(semaphore);
        Assert.Equal(WAIT_FAILED, Wait(semaphore));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void A_duplicated_handle_keeps_the_object_alive()
    {
        var ev = Event(manual: true, initial: true);
        nint copy;
        Assert.Equal(1, HandleDuplication.DuplicateHandle(-1, ev, -1, &copy, 0, 0, 2));
        FileHandles.CloseHandle(ev);
        Assert.Equal(WAIT_OBJECT_0, Wait(copy));
        FileHandles.CloseHandle(copy);
    }
}
