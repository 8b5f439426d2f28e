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
        const int size = 2 * LargeNativeBlocks.ThresholdBytes;

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
