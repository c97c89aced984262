using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Ingest;

public sealed class FrameBufferPoolTests
{
    [Theory]
    [InlineData(1, 1024)]
    [InlineData(1025, 1536)]
    [InlineData(1536, 1536)]
    [InlineData(1537, 2048)]
    [InlineData(9_500, 12_288)]
    [InlineData(12_289, 16_384)]
    [InlineData(8 * 1024 * 1024, 8 * 1024 * 1024)]
    public void Sizes_go_in_steps_of_one_and_a_half_and_two(int asked, int given) =>
        Assert.Equal(given, FrameBufferPool.SizeFor(asked));

    [Fact]
    public void A_returned_array_is_handed_out_again_for_the_same_size()
    {
        var pool = new FrameBufferPool();
        var first = pool.Rent(9_500);
        pool.Return(first);
        Assert.Same(first, pool.Rent(10_000));
    }

    [Fact]
    public void Steady_renting_and_returning_allocates_nothing_once_the_frames_in_flight_are_in_the_pool()
    {
        var pool = new FrameBufferPool();
        var inFlight = new Queue<byte[]>();
        for (var i = 0; i < 300; i++)
        {
            inFlight.Enqueue(pool.Rent(8_000 + (i % 7 * 500)));
        }

        // One pass to let the mix of sizes in flight settle (arrays of one size come back while another is asked for).
        for (var i = 0; i < 1_000; i++)
        {
            pool.Return(inFlight.Dequeue());
            inFlight.Enqueue(pool.Rent(8_000 + (i % 7 * 500)));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1_000; i < 11_000; i++)
        {
            pool.Return(inFlight.Dequeue());
            inFlight.Enqueue(pool.Rent(8_000 + (i % 7 * 500)));
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000, "frames were allocated instead of reused");
    }

    [Fact]
    public void Arrays_of_other_sizes_and_larger_than_the_largest_class_are_left_to_the_gc()
    {
        var pool = new FrameBufferPool();
        pool.Return(new byte[5_000]);
        var large = pool.Rent(9 * 1024 * 1024);
        Assert.Equal(9 * 1024 * 1024, large.Length);
        pool.Return(large);
        Assert.Equal(6_144, pool.Rent(5_000).Length);
    }
}
