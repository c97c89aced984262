using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Ingest;

public sealed class AccessUnitFanOutTests
{
    [Fact]
    public void Every_consumer_receives_the_same_frame_without_copy()
    {
        var fanOut = new AccessUnitFanOut("cam1", NullLogger.Instance);
        var a = new Collecting();
        var b = new Collecting();
        fanOut.Subscribe(a);
        fanOut.Subscribe(b);
        var frame = TestUnits.Frame(0);
        fanOut.OnAccessUnit(frame);
        Assert.Same(frame, Assert.Single(a.Seen));
        Assert.Same(frame, Assert.Single(b.Seen));
        frame.Release();
    }

    [Fact]
    public void A_failing_consumer_is_detached_and_the_others_go_on()
    {
        var fanOut = new AccessUnitFanOut("cam1", NullLogger.Instance);
        var good = new Collecting();
        fanOut.Subscribe(new Throwing());
        fanOut.Subscribe(good);
        for (var i = 0; i < 3; i++)
        {
            var frame = TestUnits.Frame(i);
            fanOut.OnAccessUnit(frame);
            frame.Release();
        }

        Assert.Equal(3, good.Seen.Count);
        Assert.Equal(1, fanOut.Count);
    }

    [Fact]
    public void Unsubscribed_consumers_stop_receiving()
    {
        var fanOut = new AccessUnitFanOut("cam1", NullLogger.Instance);
        var sink = new Collecting();
        fanOut.Subscribe(sink);
        fanOut.Unsubscribe(sink);
        var frame = TestUnits.Frame(0);
        fanOut.OnAccessUnit(frame);
        frame.Release();
        Assert.Empty(sink.Seen);
    }

    private sealed class Collecting : IAccessUnitSink
    {
        public List<AccessUnit> Seen { get; } = [];

        public void OnAccessUnit(AccessUnit unit) => Seen.Add(unit);
    }

    private sealed class Throwing : IAccessUnitSink
    {
        public void OnAccessUnit(AccessUnit unit) => throw new InvalidOperationException("consumer bug");
    }
}
