using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Pipeline;
using Vigie.Analytics.Tracking;

namespace Vigie.Analytics.Tests;

/// <summary>Which moving regions the detector searches: objects it looked at a moment ago keep their class without a search.</summary>
public sealed class DetectorScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);
    private readonly AnalyzerOptions _options = new() { RecheckPerson = TimeSpan.FromSeconds(0.4) };
    private readonly Tracker _tracker = new(new TrackerOptions());

    [Fact]
    public void A_person_just_searched_keeps_its_class_and_follows_its_region_until_the_recheck_is_due()
    {
        var schedule = new DetectorSchedule(_options);
        var region = new Box(100, 40, 30, 60);
        var person = new Box(108, 44, 16, 52);
        Searched(schedule, T0, region, new Detection(person, ObjectClass.Person, 0.9));

        var moved = region with { X = 104 };
        var (search, known) = schedule.Split(T0.AddSeconds(0.2), [moved], _tracker.All, 320, 180);
        Assert.Empty(search);
        var kept = Assert.Single(known);
        Assert.Equal(ObjectClass.Person, kept.Class);
        Assert.Equal(person with { X = 112 }, kept.Box);

        var (due, _) = schedule.Split(T0.AddSeconds(0.4), [moved], _tracker.All, 320, 180);
        Assert.Equal([moved], due);
    }

    [Fact]
    public void A_region_that_grew_a_new_region_and_a_region_holding_two_objects_are_searched_at_once()
    {
        var schedule = new DetectorSchedule(_options);
        var region = new Box(100, 40, 30, 60);
        Searched(schedule, T0, region, new Detection(new Box(108, 44, 16, 52), ObjectClass.Person, 0.9));
        var at = T0.AddSeconds(0.2);

        // Someone walked up beside them: the region is twice as wide.
        var (grown, _) = schedule.Split(at, [region with { Width = 60 }], _tracker.All, 320, 180);
        Assert.Single(grown);

        // Something moving elsewhere that no track holds.
        var elsewhere = new Box(250, 100, 20, 40);
        var (fresh, _) = schedule.Split(at, [elsewhere], _tracker.All, 320, 180);
        Assert.Equal([elsewhere], fresh);

        // A second object tracked inside the same region.
        _tracker.Update(at, [new Detection(new Box(108, 44, 16, 52), ObjectClass.Person, 0.9), new Detection(new Box(120, 50, 10, 40), ObjectClass.Object, 0.3)]);
        var (together, _) = schedule.Split(at.AddSeconds(0.1), [region], _tracker.All, 320, 180);
        Assert.Equal([region], together);
    }

    [Fact]
    public void An_object_the_detector_found_nobody_in_is_searched_again_after_its_own_delay_and_meanwhile_classed_by_its_shape()
    {
        var schedule = new DetectorSchedule(_options);
        var region = new Box(100, 100, 60, 30);
        Searched(schedule, T0, region, ShapeClassifier.Classify(region, 320, 180));

        var (search, known) = schedule.Split(T0.AddSeconds(0.6), [region], _tracker.All, 320, 180);
        Assert.Empty(search);
        Assert.Equal(ShapeClassifier.Classify(region, 320, 180), Assert.Single(known));

        var (due, _) = schedule.Split(T0 + _options.RecheckObject, [region], _tracker.All, 320, 180);
        Assert.Equal([region], due);
    }

    [Fact]
    public void A_region_a_person_walked_away_from_keeps_what_the_last_search_found_not_the_track_s_votes()
    {
        // Someone picks up a crate: their track holds the spot, a person by its votes; they walk off, the spot still
        // stirs, and the search there now finds nobody. Until the next search the spot is an object, not a person
        // (a person "standing there" would hold back the removed-object rule for ever).
        var schedule = new DetectorSchedule(_options);
        var spot = new Box(128, 176, 32, 24);
        for (var i = 0; i < 10; i++)
        {
            _tracker.Update(T0.AddSeconds(i * 0.2), [new Detection(spot, ObjectClass.Person, 0.9)]);
        }

        Searched(schedule, T0.AddSeconds(2), spot, ShapeClassifier.Classify(spot, 320, 180));
        Assert.Equal(ObjectClass.Person, Assert.Single(_tracker.All).Class);

        var (_, known) = schedule.Split(T0.AddSeconds(2.2), [spot], _tracker.All, 320, 180);
        Assert.NotEqual(ObjectClass.Person, Assert.Single(known).Class);
    }

    private void Searched(DetectorSchedule schedule, DateTimeOffset at, Box region, Detection found)
    {
        _tracker.Update(at, [found]);
        schedule.Searched(at, [region], _tracker.All);
    }
}
