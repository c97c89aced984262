using System.Collections.Frozen;

namespace Vigie.Domain.Alarms;

/// <summary>Priority of a signal by category (1 most urgent); the defaults can be overridden per installation.</summary>
public sealed class AlarmPriorities
{
    /// <summary>The most urgent priority.</summary>
    public const int Highest = 1;

    /// <summary>The least urgent priority.</summary>
    public const int Lowest = 9;

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
            if (priority is < Highest or > Lowest)
            {
                throw new DomainException("priority.range", $"The priority of {category} must be between 1 and 9.", nameof(overrides));
            }

            merged[category] = priority;
        }

        _priorities = merged.ToFrozenDictionary();
    }

    public static AlarmPriorities Default { get; } = new();

    /// <summary>
    /// From configuration entries, category name to priority (<c>intrusion</c> → <c>1</c>, names of
    /// <see cref="AlarmCategoryNames"/>); an unknown category or a value that is not a whole number from 1 to 9
    /// is refused, so that a typo stops the host at start rather than silently keeping a default.
    /// </summary>
    public static AlarmPriorities FromSettings(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var overrides = new Dictionary<AlarmCategory, int>();
        foreach (var (name, value) in settings)
        {
            if (!AlarmCategoryNames.TryParse(name, out var category))
            {
                throw new DomainException("priority.category", $"Unknown alarm category '{name}' in the priorities; known: {string.Join(", ", AlarmCategoryNames.All)}.", name);
            }

            if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var priority))
            {
                throw new DomainException("priority.range", $"The priority of {name} must be a whole number between 1 and 9, not '{value}'.", name);
            }

            overrides[category] = priority;
        }

        return new AlarmPriorities(overrides);
    }

    public int Of(AlarmCategory category) => _priorities[category];
}
