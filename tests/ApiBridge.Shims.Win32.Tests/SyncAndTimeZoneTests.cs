using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>Critical sections and condition variables; GetDynamicTimeZoneInformation, TzSpecificLocalTimeToSystemTime, QueryUnbiasedInterruptTime, SetLocalTime.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class SyncAndTimeZoneTests : BridgeTest
{
    [Fact]
    public void A_critical_section_excludes_other_threads_and_is_recursive_for_its_owner()
    {
        var section = stackalloc byte[40];
        CriticalSections.InitializeCriticalSection(section);
        CriticalSections.EnterCriticalSection(section);
        Assert.Equal(1, CriticalSections.TryEnterCriticalSection(section)); // recursive
        var other = 1;
        var thread = new Thread(() => other = CriticalSections.TryEnterCriticalSection(section));
        thread.Start();
        thread.Join();
        Assert.Equal(0, other);
        CriticalSections.LeaveCriticalSection(section);
        CriticalSections.LeaveCriticalSection(section);
        thread = new Thread(() =>
        {
            other = CriticalSections.TryEnterCriticalSection(section);
            CriticalSections.LeaveCriticalSection(section);
        });
        thread.Start();
        thread.Join();
        Assert.Equal(1, other);
        CriticalSections.DeleteCriticalSection(section);
    }

    [Fact]
    public void A_condition_variable_wakes_a_sleeper_that_left_the_section_and_times_out_otherwise()
    {
        var section = stackalloc byte[40];
        var memory = (nint*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)sizeof(nint));
        *memory = 0x1234;
        var conditionAddress = (nint)memory;
        var sectionAddress = (nint)section;
        CriticalSections.InitializeCriticalSection(section);
        CriticalSections.InitializeConditionVariable(memory);
        Assert.Equal(0, *memory);
        var ready = false;
        var result = -1;
        var sleeper = new Thread(() =>
        {
            CriticalSections.EnterCriticalSection((void*)sectionAddress);
            while (!ready)
                result = CriticalSections.SleepConditionVariableCS((nint*)conditionAddress, (void*)sectionAddress, 10_000);
            CriticalSections.LeaveCriticalSection((void*)sectionAddress);
        });
        sleeper.Start();
        Thread.Sleep(100);
        CriticalSections.EnterCriticalSection(section); // free: the sleeper left it while it sleeps
        ready = true;
        CriticalSections.WakeConditionVariable(memory);
        CriticalSections.LeaveCriticalSection(section);
        Assert.True(sleeper.Join(5000));
        Assert.Equal(1, result);

        CriticalSections.EnterCriticalSection(section);
        LastError.Set(0);
        Assert.Equal(0, CriticalSections.SleepConditionVariableCS(memory, section, 50));
        Assert.Equal(CriticalSections.ERROR_TIMEOUT, LastError.Value);
        Assert.Equal(1, CriticalSections.TryEnterCriticalSection(section)); // entered again on return
        CriticalSections.LeaveCriticalSection(section);
        CriticalSections.LeaveCriticalSection(section);
        System.Runtime.InteropServices.NativeMemory.Free(memory);
    }

    [Fact]
    public void Local_time_converts_with_the_guests_zone_or_a_given_rule()
    {
        Use(FakeClock.At(new DateTime(2024, 7, 1, 12, 0, 0, DateTimeKind.Utc), TestZones.CentralEurope()));
        var summer = new SYSTEMTIME { wYear = 2024, wMonth = 7, wDay = 1, wHour = 14 };
        SYSTEMTIME utc;
        Assert.Equal(1, TimeZoneConversion.TzSpecificLocalTimeToSystemTime(null, &summer, &utc));
        Assert.Equal((2024, 7, 1, 12), (utc.wYear, utc.wMonth, utc.wDay, utc.wHour));

        TIME_ZONE_INFORMATION zone;
        TimeZoneInformation.GetTimeZoneInformation(&zone);
        var winter = new SYSTEMTIME { wYear = 2024, wMonth = 1, wDay = 15, wHour = 9 };
        Assert.Equal(1, TimeZoneConversion.TzSpecificLocalTimeToSystemTime(&zone, &winter, &utc));
        Assert.Equal((15, 8), (utc.wDay, utc.wHour));
        Assert.Equal(1, TimeZoneConversion.TzSpecificLocalTimeToSystemTime(&zone, &summer, &utc));
        Assert.Equal(12, utc.wHour);
        var lastSundayOfMarch = new SYSTEMTIME { wYear = 2024, wMonth = 3, wDay = 31, wHour = 3 }; // just after the change
        Assert.Equal(1, TimeZoneConversion.TzSpecificLocalTimeToSystemTime(&zone, &lastSundayOfMarch, &utc));
        Assert.Equal((31, 1), (utc.wDay, utc.wHour));

        var bad = new SYSTEMTIME { wYear = 2024, wMonth = 13, wDay = 1 };
        LastError.Set(0);
        Assert.Equal(0, TimeZoneConversion.TzSpecificLocalTimeToSystemTime(null, &bad, &utc));
        Assert.Equal(87, LastError.Value);
    }

    [Fact]
    public void Dynamic_zone_information_adds_the_key_name()
    {
        Use(FakeClock.At(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        TimeZoneConversion.DYNAMIC_TIME_ZONE_INFORMATION dynamic;
        TIME_ZONE_INFORMATION plain;
        Assert.Equal(TimeZoneInformation.GetTimeZoneInformation(&plain), TimeZoneConversion.GetDynamicTimeZoneInformation(&dynamic));
        Assert.Equal(plain.Bias, dynamic.Zone.Bias);
        Assert.Equal("W. Europe Standard Time", new string(dynamic.TimeZoneKeyName));
        Assert.Equal(432, sizeof(TimeZoneConversion.DYNAMIC_TIME_ZONE_INFORMATION));
    }

    [Fact]
    public void Unbiased_interrupt_time_advances_and_the_clock_cannot_be_set()
    {
        ulong first, second;
        Assert.Equal(1, TimeZoneConversion.QueryUnbiasedInterruptTime(&first));
        Thread.Sleep(20);
        Assert.Equal(1, TimeZoneConversion.QueryUnbiasedInterruptTime(&second));
        Assert.InRange(second - first, 150_000UL, 50_000_000UL);

        var time = new SYSTEMTIME { wYear = 2024, wMonth = 1, wDay = 1 };
        LastError.Set(0);
        Assert.Equal(0, TimeZoneConversion.SetLocalTime(&time));
        Assert.Equal(TimeZoneConversion.ERROR_PRIVILEGE_NOT_HELD, LastError.Value);
        time.wMonth = 0;
        Assert.Equal(0, TimeZoneConversion.SetLocalTime(&time));
        Assert.Equal(87, LastError.Value);
    }
}
