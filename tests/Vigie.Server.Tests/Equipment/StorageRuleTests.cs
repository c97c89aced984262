using Vigie.Server.Features.Equipment;

namespace Vigie.Server.Tests.Equipment;

/// <summary>The storage rule from its figures: what a disk sized for its retention, a filling disk and a short disk each say.</summary>
public sealed class StorageRuleTests
{
    private const long Gb = 1_000_000_000;
    private const double Rate = 4 * 1_000_000.0 / 8 * 8; // eight 4 Mbit/s cameras, in bytes per second
    private static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    [Fact]
    public void A_disk_sized_for_its_retention_stays_level_and_raises_nothing()
    {
        // 30 days on disk, 10 GB free above the mark (under a day of writing), but a day's worth expires tomorrow.
        var day = (long)(Rate * 86_400);
        var reading = StorageCheck.Evaluate(free: 12 * Gb, recorded: 30 * day, expiring: day, minimumFree: 2 * Gb, Rate, longestRetentionDays: 30, Ahead);
        Assert.Empty(reading.Findings);
        Assert.InRange(reading.Figures["retentionDays"], 30, 30.5);
    }

    [Fact]
    public void A_filling_disk_is_a_fault_that_says_when_and_how_many_days_it_holds()
    {
        var reading = StorageCheck.Evaluate(free: 12 * Gb, recorded: 100 * Gb, expiring: 0, minimumFree: 2 * Gb, Rate, longestRetentionDays: 30, Ahead);
        var finding = Assert.Single(reading.Findings);
        Assert.Equal("storage.low", finding.Code);
        Assert.Contains("seuil de purge atteint dans 42 min", finding.French, StringComparison.Ordinal);
        Assert.Contains("conservation possible 0.3 j", finding.French, StringComparison.Ordinal);
        Assert.Contains("retention possible 0.3 days", finding.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_too_small_for_the_retention_is_degraded_and_one_at_its_mark_is_in_fault_whatever_the_rate()
    {
        var day = (long)(Rate * 86_400);
        var shortDisk = StorageCheck.Evaluate(free: 5 * Gb, recorded: 10 * day, expiring: day, minimumFree: 2 * Gb, Rate, longestRetentionDays: 30, Ahead);
        Assert.Equal("storage.retention", Assert.Single(shortDisk.Findings).Code);
        var full = StorageCheck.Evaluate(free: Gb, recorded: Gb, expiring: 0, minimumFree: 2 * Gb, bytesPerSecond: 0, longestRetentionDays: 30, Ahead);
        Assert.Contains("seuil de purge atteint", Assert.Single(full.Findings).French, StringComparison.Ordinal);
    }
}
