namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The last 24 hours of two figures per device, one point a minute (the mean of the minute's readings): fps and
/// bitrate for cameras, CPU and memory for the host, free space and write rate for storage. Kept in memory (a
/// restart starts the curves again); thread-safe, written by the supervision loop, read by the API.
/// </summary>
public sealed class EquipmentSeries
{
    public const int Points = 24 * 60;

    public sealed record Point(DateTimeOffset Minute, double First, double Second);

    private readonly Dictionary<string, Ring> _rings = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private sealed class Ring
    {
        public readonly Point[] Values = new Point[Points];
        public int Next;
        public int Count;
        public long CurrentMinute = long.MinValue;
        public double SumFirst;
        public double SumSecond;
        public int Samples;
    }

    public void Add(string device, DateTimeOffset now, double first, double second)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        lock (_lock)
        {
            if (!_rings.TryGetValue(device, out var ring))
            {
                ring = new Ring();
                _rings[device] = ring;
            }

            if (minute != ring.CurrentMinute)
            {
                Close(ring);
                ring.CurrentMinute = minute;
            }

            ring.SumFirst += first;
            ring.SumSecond += second;
            ring.Samples++;
        }
    }

    /// <summary>The device's points, oldest first, the minute in progress last.</summary>
    public IReadOnlyList<Point> Of(string device)
    {
        lock (_lock)
        {
            if (!_rings.TryGetValue(device, out var ring))
            {
                return [];
            }

            var points = new List<Point>(ring.Count + 1);
            for (var i = 0; i < ring.Count; i++)
            {
                points.Add(ring.Values[(ring.Next - ring.Count + i + Points) % Points]);
            }

            if (ring.Samples > 0)
            {
                points.Add(Mean(ring));
            }

            return points;
        }
    }

    public void Forget(IReadOnlySet<string> keep)
    {
        lock (_lock)
        {
            foreach (var gone in _rings.Keys.Where(k => !keep.Contains(k)).ToList())
            {
                _rings.Remove(gone);
            }
        }
    }

    private static void Close(Ring ring)
    {
        if (ring.Samples == 0)
        {
            return;
        }

        ring.Values[ring.Next] = Mean(ring);
        ring.Next = (ring.Next + 1) % Points;
        ring.Count = Math.Min(Points, ring.Count + 1);
        ring.SumFirst = ring.SumSecond = 0;
        ring.Samples = 0;
    }

    private static Point Mean(Ring ring) =>
        new(DateTimeOffset.FromUnixTimeSeconds(ring.CurrentMinute * 60), ring.SumFirst / ring.Samples, ring.SumSecond / ring.Samples);
}
