using System.Runtime.InteropServices;

namespace RisingGoal.Community.Infrastructure;

/// <summary>
/// Native blocks of 256 KiB and more are given back to the system when freed. glibc serves them from its arenas once
/// it has seen one freed (its mmap threshold rises to the largest block freed, up to 32 MiB), and an arena keeps what
/// it holds: SQLite's full-text queries for a common word peak at about 2 MB each, and 32 of them at once left 50–100 MB
/// resident that SQLite no longer used (its own count: 6 MB of 72 MB at the peak). A fixed threshold is what
/// <c>MALLOC_MMAP_THRESHOLD_</c> sets; it still wins when it is set (bench/results/2026-12-03-memory.md).
/// </summary>
internal static class LargeNativeBlocks
{
    private const int MmapThresholdParameter = -3;   // M_MMAP_THRESHOLD in glibc's malloc.h
    public const int ThresholdBytes = 256 * 1024;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    /// <summary>True when the allocator took the setting (glibc on Linux).</summary>
    public static bool ReturnToSystemWhenFreed()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null) return false;
        try
        {
            return Mallopt(MmapThresholdParameter, ThresholdBytes) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // not glibc (musl's allocator has no arenas to keep blocks in)
        }
    }
}
