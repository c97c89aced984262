namespace Vigie.Domain.Alarms.Handling;

/// <summary>
/// Which signals open an alarm for an operator to handle; the others are only logged. By default: intrusion,
/// hold-up, panic, fire, tamper and technical faults (link lost among them), and any signal of an unknown
/// account; tests, openings/closings and uncategorised codes are logged only. Restores never open one.
/// </summary>
public sealed class AlarmOpening(IReadOnlySet<AlarmCategory> opening, bool unknownAccountOpens = true)
{
    public static readonly AlarmOpening Default = new(new HashSet<AlarmCategory>
    {
        AlarmCategory.Intrusion, AlarmCategory.HoldUp, AlarmCategory.Panic, AlarmCategory.Fire, AlarmCategory.Tamper, AlarmCategory.TechnicalFault,
    });

    /// <summary>
    /// From the setting <c>Alarms:OpeningCategories</c>, category names separated by commas (<c>intrusion, fire</c>);
    /// empty or absent keeps <see cref="Default"/>. An unknown name is refused, so that a typo stops the host at
    /// start rather than leave a category of alarms unhandled.
    /// </summary>
    public static AlarmOpening FromSettings(string? categories, bool unknownAccountOpens = true)
    {
        if (string.IsNullOrWhiteSpace(categories))
        {
            return unknownAccountOpens ? Default : new AlarmOpening(Default.Categories, unknownAccountOpens: false);
        }

        var set = new HashSet<AlarmCategory>();
        foreach (var name in categories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            set.Add(AlarmCategoryNames.TryParse(name, out var category)
                ? category
                : throw new DomainException("opening.category", $"Unknown alarm category '{name}'; known: {string.Join(", ", AlarmCategoryNames.All)}.", name));
        }

        return new AlarmOpening(set, unknownAccountOpens);
    }

    public IReadOnlySet<AlarmCategory> Categories { get; } = opening ?? throw new ArgumentNullException(nameof(opening));

    public bool Opens(AlarmSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return !signal.IsRestore && (Categories.Contains(signal.Category) || (unknownAccountOpens && signal.UnknownAccount));
    }
}
