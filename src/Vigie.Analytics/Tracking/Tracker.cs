using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Tracking;

/// <summary>How objects are followed from frame to frame.</summary>
public sealed record TrackerOptions
{
    /// <summary>Frames an object must be seen in before it is a track rules look at (a flicker never is).</summary>
    public int ConfirmAfter { get; init; } = 3;

    /// <summary>How long an object may go unseen (hidden, or missed by the detector) and keep its id.</summary>
    public TimeSpan KeepUnseen { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How far (in box sizes) an object may jump between two frames and still be the same one.</summary>
    public double MaxJump { get; init; } = 0.6;
}

/// <summary>An object followed across frames, with a stable id.</summary>
public sealed class Track
{
    private readonly double[] _votes = new double[3];

    internal Track(int id, Detection detection, DateTimeOffset at)
    {
        Id = id;
        Box = detection.Box;
        FirstSeen = at;
        LastSeen = at;
        Hits = 1;
        Latest = detection.Class;
        Vote(detection);
    }

    public int Id { get; }

    public Box Box { get; private set; }

    public DateTimeOffset FirstSeen { get; }

    public DateTimeOffset LastSeen { get; private set; }

    public int Hits { get; private set; }

    public bool Confirmed { get; internal set; }

    /// <summary>What the object most likely is, from every detection it had (a detector's word outweighs a shape guess).</summary>
    public ObjectClass Class
    {
        get
        {
            var best = 0;
            for (var i = 1; i < _votes.Length; i++)
            {
                if (_votes[i] > _votes[best])
                {
                    best = i;
                }
            }

            return (ObjectClass)best;
        }
    }

    /// <summary>What its latest detection said it is (<see cref="Class"/> weighs them all).</summary>
    public ObjectClass Latest { get; private set; }

    /// <summary>Where the object stands (its box's bottom middle).</summary>
    public Point Foot => Geometry.Foot(Box);

    /// <summary>Where it stood the frame before (its first position for a new track).</summary>
    public Point PreviousFoot { get; private set; }

    /// <summary>Seen in the last frame, not only kept while hidden.</summary>
    public bool Seen { get; internal set; } = true;

    internal (double X, double Y) Velocity { get; private set; }

    internal Box Predict(DateTimeOffset at)
    {
        var seconds = (at - LastSeen).TotalSeconds;
        return Box with { X = Box.X + (int)Math.Round(Velocity.X * seconds), Y = Box.Y + (int)Math.Round(Velocity.Y * seconds) };
    }

    internal void Update(Detection detection, DateTimeOffset at)
    {
        var seconds = (at - LastSeen).TotalSeconds;
        var before = Geometry.Centre(Box);
        var after = Geometry.Centre(detection.Box);
        if (seconds > 0)
        {
            // Smoothed so that a box that changes shape (a detector's jitter, limbs) does not throw the prediction.
            Velocity = ((Velocity.X * 0.5) + ((after.X - before.X) / seconds * 0.5), (Velocity.Y * 0.5) + ((after.Y - before.Y) / seconds * 0.5));
        }

        PreviousFoot = Foot;
        Box = detection.Box;
        LastSeen = at;
        Hits++;
        Seen = true;
        Latest = detection.Class;
        Vote(detection);
    }

    internal void Hold() => PreviousFoot = Foot;

    private void Vote(Detection detection) => _votes[(int)detection.Class] += detection.Score;
}

/// <summary>
/// Gives objects stable ids across frames so that rules count objects, not pixels: each track's box is carried
/// forward by its velocity, detections are matched to tracks greedily by overlap (or, for small fast objects, by
/// distance), a new object becomes a track after <see cref="TrackerOptions.ConfirmAfter"/> sightings and keeps its
/// id while hidden for up to <see cref="TrackerOptions.KeepUnseen"/>. One tracker per camera; not thread-safe.
/// </summary>
public sealed class Tracker(TrackerOptions options)
{
    private readonly List<Track> _tracks = [];
    private int _next = 1;

    /// <summary>Live tracks, confirmed or not.</summary>
    public IReadOnlyList<Track> All => _tracks;

    /// <summary>Matches this frame's detections to the tracks; answers the confirmed tracks (seen now or kept while hidden).</summary>
    public IReadOnlyList<Track> Update(DateTimeOffset at, IReadOnlyList<Detection> detections)
    {
        var pairs = new List<(double Score, Track Track, int Detection)>();
        foreach (var track in _tracks)
        {
            var predicted = track.Predict(at);
            for (var d = 0; d < detections.Count; d++)
            {
                var score = Affinity(predicted, detections[d].Box);
                if (score > 0)
                {
                    pairs.Add((score, track, d));
                }
            }
        }

        pairs.Sort((a, b) => b.Score.CompareTo(a.Score));
        var matchedTracks = new HashSet<Track>();
        var matchedDetections = new HashSet<int>();
        foreach (var (_, track, d) in pairs)
        {
            if (!matchedTracks.Contains(track) && !matchedDetections.Contains(d))
            {
                track.Update(detections[d], at);
                matchedTracks.Add(track);
                matchedDetections.Add(d);
                track.Confirmed |= track.Hits >= options.ConfirmAfter;
            }
        }

        foreach (var track in _tracks)
        {
            if (!matchedTracks.Contains(track))
            {
                track.Seen = false;
                track.Hold();
            }
        }

        _tracks.RemoveAll(t => !t.Seen && at - t.LastSeen > options.KeepUnseen);
        for (var d = 0; d < detections.Count; d++)
        {
            if (!matchedDetections.Contains(d))
            {
                _tracks.Add(new Track(_next++, detections[d], at) { Confirmed = options.ConfirmAfter <= 1 });
            }
        }

        return _tracks.Where(t => t.Confirmed).ToList();
    }

    /// <summary>How well a detection fits a track's predicted box: overlap first, then nearness; 0 for no match.</summary>
    private double Affinity(Box predicted, Box detected)
    {
        var overlap = predicted.Overlap(detected);
        if (overlap > 0.1)
        {
            return 1 + overlap;
        }

        var size = Math.Max(Math.Max(predicted.Width, predicted.Height), Math.Max(detected.Width, detected.Height));
        var distance = Geometry.Centre(predicted).DistanceTo(Geometry.Centre(detected));
        var reach = options.MaxJump * size;
        return distance < reach ? 1 - (distance / reach) : 0;
    }
}
