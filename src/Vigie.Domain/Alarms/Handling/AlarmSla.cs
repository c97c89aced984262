using System.Collections.Frozen;
using System.Globalization;

namespace Vigie.Domain.Alarms.Handling;

/// <summary>How long an alarm of each priority may wait before someone picks it up, and how late one is.</summary>
public sealed class AlarmSla
{
    private static readonly FrozenDictionary<int, TimeSpan> Defaults = new Dictionary<int, TimeSpan>
    {
        [1] = TimeSpan.FromSeconds(30),
        [2] = TimeSpan.FromSeconds(60),
        [3] = TimeSpan.FromMinutes(3),
    }.ToFrozenDictionary();

    /// <summary>Priorities without their own delay (technical faults and below).</summary>
    public static readonly TimeSpan DefaultLower = TimeSpan.FromMinutes(10);

    private readonly FrozenDictionary<int, TimeSpan> _delays;

    public AlarmSla(IReadOnlyDictionary<int, TimeSpan>? overrides = null)
    {
        var merged = Defaults.ToDictionary();
        foreach (var (priority, delay) in overrides ?? new Dictionary<int, TimeSpan>())
        {
            if (priority is < AlarmPriorities.Highest or > AlarmPriorities.Lowest || delay <= TimeSpan.Zero)
            {
                throw new DomainException("sla.invalid", $"A pick-up delay is given for a priority 1 to 9 and is positive (priority {priority}: {delay}).", nameof(overrides));
            }

            merged[priority] = delay;
        }

        _delays = merged.ToFrozenDictionary();
    }

    public static AlarmSla Default { get; } = new();

    /// <summary>From configuration entries, priority to seconds (<c>Alarms:PickUpSeconds:1</c> = <c>30</c>).</summary>
    public static AlarmSla FromSettings(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var overrides = new Dictionary<int, TimeSpan>();
        foreach (var (name, value) in settings)
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
                || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new DomainException("sla.invalid", $"A pick-up delay is a priority (1 to 9) and a whole number of seconds, not '{name}' = '{value}'.", name);
            }

            overrides[priority] = TimeSpan.FromSeconds(seconds);
        }

        return new AlarmSla(overrides);
    }

    public TimeSpan PickUp(int priority) => _delays.TryGetValue(priority, out var delay) ? delay : DefaultLower;

    /// <summary>Where an alarm waiting since <paramref name="openedAt"/> stands at <paramref name="now"/>.</summary>
    public SlaStanding Standing(int priority, DateTimeOffset openedAt, DateTimeOffset now)
    {
        var waited = now - openedAt;
        var delay = PickUp(priority);
        return waited >= delay * 2 ? SlaStanding.Escalated
            : waited >= delay ? SlaStanding.Late
            : waited >= delay / 2 ? SlaStanding.Warning
            : SlaStanding.OnTime;
    }
}

/// <summary>An unheld alarm's wait against its pick-up delay: under half, past half, past the delay, past twice.</summary>
public enum SlaStanding
{
    OnTime,
    Warning,
    Late,
    Escalated,
}
