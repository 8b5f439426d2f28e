using System.Runtime.InteropServices;
using RisingGoal.Community.Infrastructure;

namespace RisingGoal.Community.Tests.Platform;

/// <summary>
/// glibc marks a block it served by mmap (given back to the system when freed) with bit 2 of the size word before it.
/// Without a fixed threshold, freeing one large block raises the threshold, and the next block of that size comes from
/// an arena, which keeps it.
/// </summary>
public sealed class LargeNativeBlocksTests
{
    private const long MappedBit = 0x2;

    [Fact]
    public void A_large_block_freed_once_is_still_mapped_the_next_time()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(LargeNativeBlocks.ReturnToSystemWhenFreed());
        // 16 MB: far above the threshold, so no arena keeps a free chunk that size for other tests running beside this one
        // (at 512 KB one did, once, and served it unmapped), and below glibc's 32 MB ceiling for its moving threshold.
        const int size = 16 * 1024 * 1024;

        FreeOnce(size);
        var again = Marshal.AllocHGlobal(size);   // malloc
        try
        {
            Assert.Equal(MappedBit, Marshal.ReadInt64(again, -8) & MappedBit);
        }
        finally
        {
            Marshal.FreeHGlobal(again);
        }
    }

    private static void FreeOnce(int size) => Marshal.FreeHGlobal(Marshal.AllocHGlobal(size));
}
