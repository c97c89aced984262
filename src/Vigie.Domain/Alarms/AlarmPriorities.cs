using System.Collections.Frozen;

namespace Vigie.Domain.Alarms;

/// <summary>Priority of a signal by category (1 most urgent); the defaults can be overridden per installation.</summary>
public sealed class AlarmPriorities
{
    private static readonly FrozenDictionary<AlarmCategory, int> Defaults = new Dictionary<AlarmCategory, int>
    {
        [AlarmCategory.HoldUp] = 1,
        [AlarmCategory.Panic] = 1,
        [AlarmCategory.Fire] = 1,
        [AlarmCategory.Intrusion] = 2,
        [AlarmCategory.Tamper] = 3,
        [AlarmCategory.TechnicalFault] = 4,
        [AlarmCategory.Other] = 5,
        [AlarmCategory.OpeningClosing] = 6,
        [AlarmCategory.Test] = 7,
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<AlarmCategory, int> _priorities;

    public AlarmPriorities(IReadOnlyDictionary<AlarmCategory, int>? overrides = null)
    {
        var merged = Defaults.ToDictionary();
        foreach (var (category, priority) in overrides ?? new Dictionary<AlarmCategory, int>())
        {
            if (priority is < 1 or > 9)
            {
                throw new DomainException("priority.range", $"The priority of {category} must be between 1 and 9.", nameof(overrides));
            }

            merged[category] = priority;
        }

        _priorities = merged.ToFrozenDictionary();
    }

    public static AlarmPriorities Default { get; } = new();

    public int Of(AlarmCategory category) => _priorities[category];
}
