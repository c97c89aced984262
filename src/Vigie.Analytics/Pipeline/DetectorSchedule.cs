using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Tracking;

namespace Vigie.Analytics.Pipeline;

/// <summary>
/// Which moving regions the detector searches this frame. The detector is most of a camera's CPU, and most regions
/// are objects it already looked at a moment ago: a region that is the one object of a track searched less than
/// <see cref="AnalyzerOptions.RecheckPerson"/> (a person was found) or <see cref="AnalyzerOptions.RecheckObject"/>
/// (nobody was) ago, and whose size has not changed much, keeps what that search found without a new one. A new object, a
/// region holding two tracks (people walking together, which only the detector tells apart), or one that grew or
/// shrank is searched at once. One per camera, beside its tracker.
/// </summary>
internal sealed class DetectorSchedule(AnalyzerOptions options)
{
    private readonly Dictionary<int, (DateTimeOffset At, Box Region, Box Object, ObjectClass Found)> _searched = [];

    /// <summary>The regions to search, and what the others are taken to be (their track's class).</summary>
    public (List<Box> Search, List<Detection> Known) Split(DateTimeOffset at, IReadOnlyList<Box> regions, IReadOnlyList<Track> tracks, int width, int height)
    {
        var search = new List<Box>();
        var known = new List<Detection>();
        var used = new HashSet<int>();
        foreach (var region in regions)
        {
            var inside = tracks.Where(t => Contains(region, t.Box)).ToList();
            if (inside is [var track] && used.Add(track.Id) && _searched.TryGetValue(track.Id, out var last)
                && at - last.At < (last.Found == ObjectClass.Person ? options.RecheckPerson : options.RecheckObject)
                && SameSize(last.Region, region))
            {
                // What the search found then, not the track's class: a person who walked off leaves a stirring region
                // (the crate they took) that must not stay a person by its own votes.
                known.Add(last.Found == ObjectClass.Person ? new Detection(Follow(last.Object, last.Region, region), ObjectClass.Person, 0.5) : ShapeClassifier.Classify(region, width, height));
            }
            else
            {
                search.Add(region);
            }
        }

        return (search, known);
    }

    /// <summary>After the tracker's update: the tracks in each searched region were searched now; gone tracks are forgotten.</summary>
    public void Searched(DateTimeOffset at, IReadOnlyList<Box> searched, IReadOnlyList<Track> tracks)
    {
        foreach (var region in searched)
        {
            foreach (var track in tracks.Where(t => t.Seen && Contains(region, t.Box)))
            {
                _searched[track.Id] = (at, region, track.Box, track.Latest);
            }
        }

        if (_searched.Count > tracks.Count)
        {
            var live = tracks.Select(t => t.Id).ToHashSet();
            foreach (var id in _searched.Keys.Where(id => !live.Contains(id)).ToList())
            {
                _searched.Remove(id);
            }
        }
    }

    /// <summary>The box the detector gave, moved as its moving region moved since (the region holds more: shadow, a bag).</summary>
    private static Box Follow(Box found, Box then, Box now)
    {
        var dx = (now.X + (now.Width / 2)) - (then.X + (then.Width / 2));
        var dy = (now.Y + (now.Height / 2)) - (then.Y + (then.Height / 2));
        return found with { X = found.X + dx, Y = found.Y + dy };
    }

    private static bool Contains(Box region, Box track)
    {
        var centre = Geometry.Centre(track);
        return centre.X >= region.X && centre.X <= region.X + region.Width && centre.Y >= region.Y && centre.Y <= region.Y + region.Height;
    }

    private static bool SameSize(Box before, Box now)
    {
        var area = (double)now.Area / Math.Max(1, before.Area);
        var width = (double)now.Width / Math.Max(1, before.Width);
        return area is >= 0.6 and <= 1.6 && width is >= 0.75 and <= 1.3;
    }
}
