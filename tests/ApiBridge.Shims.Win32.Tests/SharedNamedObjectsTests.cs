using ApiBridge.Shims.Win32.Sync;
using ApiBridge.Shims.Win32.Sync.Shared;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// Named objects shared by the processes of a prefix (<see cref="SharedNamespace"/>). Two namespaces over one folder
/// stand for two processes: each opens its own descriptors, and OFD locks tell descriptors apart, not processes, so
/// what one namespace sees of the other is what another process would see. Linux hosts only.
/// </summary>
public sealed class SharedNamedObjectsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "apibridge-named-" + Guid.NewGuid().ToString("N"));
    private readonly SharedNamespace first, second;

    public SharedNamedObjectsTests()
    {
        first = new SharedNamespace(folder);
        second = new SharedNamespace(folder);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    private static SharedObject Target(SyncHandle handle) => (SharedObject)handle.Object;

    [Fact]
    public void A_name_created_by_one_process_is_the_same_object_in_another()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var made = first.CreateOrOpen(@"Local\job", SharedState.NewEvent(manualReset: false, initialState: false), create: true, out var lookup)!;
        Assert.Equal(NameLookup.Created, lookup);
        // Global\ and Local\ are one namespace here; the second create's initial state is not applied.
        var again = second.CreateOrOpen(@"Global\job", SharedState.NewEvent(manualReset: true, initialState: true), create: true, out lookup)!;
        Assert.Equal(NameLookup.Existing, lookup);
        Assert.Equal(Acquire.NotSignalled, Target(again).TryAcquire());

        Target(made).SetEvent(true);
        Assert.Equal(Acquire.Acquired, Target(again).TryAcquire());
        Assert.Equal(Acquire.NotSignalled, Target(made).TryAcquire()); // auto-reset: the other process's wait took it
        made.Dispose();
        again.Dispose();
    }

    [Fact]
    public void Another_kind_and_a_name_nobody_holds_are_refused()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var mutex = first.CreateOrOpen("m", SharedState.NewMutex(null), create: true, out _)!;
        Assert.Null(second.CreateOrOpen("m", SharedState.NewEvent(false, false), create: true, out var lookup));
        Assert.Equal(NameLookup.WrongKind, lookup);
        Assert.Null(second.CreateOrOpen("m", new SharedState { Kind = SharedKind.Semaphore }, create: false, out lookup));
        Assert.Equal(NameLookup.WrongKind, lookup);
        Assert.Null(second.CreateOrOpen("M", new SharedState { Kind = SharedKind.Mutex }, create: false, out lookup)); // names are case-sensitive
        Assert.Equal(NameLookup.Missing, lookup);
        mutex.Dispose();
    }

    [Fact]
    public void The_object_ends_with_its_last_handle_in_any_process()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var made = first.CreateOrOpen("sem", SharedState.NewSemaphore(2, 5), create: true, out _)!;
        var opened = second.CreateOrOpen("sem", new SharedState { Kind = SharedKind.Semaphore }, create: false, out var lookup)!;
        Assert.Equal(NameLookup.Existing, lookup);
        made.Dispose(); // the first process's last handle: the second still holds the object
        var firstAgain = first.CreateOrOpen("sem", new SharedState { Kind = SharedKind.Semaphore }, create: false, out lookup)!;
        Assert.Equal(NameLookup.Existing, lookup);
        Assert.True(Target(opened).ReleaseSemaphore(1, out var previous));
        Assert.Equal(2, previous);
        firstAgain.Dispose();
        opened.Dispose();
        // Nobody holds it now: the file is still there, but the name is not live.
        Assert.Null(first.CreateOrOpen("sem", new SharedState { Kind = SharedKind.Semaphore }, create: false, out lookup));
        Assert.Equal(NameLookup.Missing, lookup);
        var fresh = second.CreateOrOpen("sem", SharedState.NewSemaphore(0, 1), create: true, out lookup)!;
        Assert.Equal(NameLookup.Created, lookup);
        Assert.Equal(Acquire.NotSignalled, Target(fresh).TryAcquire()); // the new object's count, not the old one's
        fresh.Dispose();
    }

    [Fact]
    public void A_mutex_is_owned_by_a_thread_across_processes_and_abandoned_when_it_ends()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var mine = first.CreateOrOpen("mx", SharedState.NewMutex(null), create: true, out _)!;
        var theirs = second.CreateOrOpen("mx", new SharedState { Kind = SharedKind.Mutex }, create: false, out _)!;
        var owner = new Thread(() => Assert.Equal(Acquire.Acquired, Target(theirs).TryAcquire()));
        owner.Start();
        owner.Join(); // ends owning it

        Assert.False(Target(mine).ReleaseMutex()); // ERROR_NOT_OWNER: this thread does not own it
        // Join returns as the managed thread ends, a moment before the host thread is gone: a wait polls until it is.
        Assert.Equal(PolledWait.WAIT_ABANDONED_0, PolledWait.Wait([Target(mine)], waitAll: false, 5000));
        Assert.Equal(Acquire.Acquired, Target(theirs).TryAcquire()); // recursive: this thread owns it now, through either handle
        Assert.True(Target(theirs).ReleaseMutex());
        Assert.True(Target(mine).ReleaseMutex());
        Assert.False(Target(mine).ReleaseMutex());

        uint fromOther = 0;
        Assert.Equal(Acquire.Acquired, Target(mine).TryAcquire());
        var other = new Thread(() => fromOther = PolledWait.Wait([Target(theirs)], waitAll: false, 50));
        other.Start();
        other.Join();
        Assert.Equal(PolledWait.WAIT_TIMEOUT, fromOther); // owned by a live thread
        Assert.True(Target(mine).ReleaseMutex());
        mine.Dispose();
        theirs.Dispose();
    }

    [Fact]
    public void Wait_all_takes_nothing_until_everything_is_signalled_and_wait_any_the_lowest_index()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var a = first.CreateOrOpen("a", SharedState.NewEvent(false, false), create: true, out _)!;
        var b = first.CreateOrOpen("b", SharedState.NewSemaphore(1, 1), create: true, out _)!;
        var aThere = Target(second.CreateOrOpen("a", new SharedState { Kind = SharedKind.Event }, create: false, out _)!);
        var bThere = Target(second.CreateOrOpen("b", new SharedState { Kind = SharedKind.Semaphore }, create: false, out _)!);
        object[] both = [aThere, bThere];

        Assert.Equal(PolledWait.WAIT_TIMEOUT, PolledWait.Wait(both, waitAll: true, 30));
        Assert.Equal(PolledWait.WAIT_OBJECT_0 + 1, PolledWait.Wait(both, waitAll: false, 0)); // took b's count
        Assert.True(Target(b).ReleaseSemaphore(1, out _));

        using var local = new ManualResetEvent(false);
        object[] mixed = [aThere, local, bThere];
        var setter = new Thread(() => { Thread.Sleep(50); Target(a).SetEvent(true); local.Set(); });
        setter.Start();
        Assert.Equal(PolledWait.WAIT_OBJECT_0, PolledWait.Wait(mixed, waitAll: true, 10_000));
        setter.Join();
        Assert.Equal(Acquire.NotSignalled, Target(a).TryAcquire()); // the wait-all took the event
        Assert.Equal(Acquire.NotSignalled, Target(b).TryAcquire()); // and the count
        Assert.Equal(PolledWait.WAIT_OBJECT_0 + 1, PolledWait.Wait(mixed, waitAll: false, 0)); // the manual-reset local stays set
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void A_semaphore_released_past_its_maximum_keeps_its_count()
    {
        var state = SharedState.NewSemaphore(1, 2);
        Assert.False(state.ReleaseSemaphore(2, out var previous));
        Assert.Equal(1, previous);
        Assert.Equal(1, state.Value);
        Assert.True(state.ReleaseSemaphore(1, out previous));
        Assert.Equal(1, previous);
        Assert.Equal(2, state.Value);
    }
}
