using System.Collections.Frozen;

namespace Vigie.Domain.Alarms;

/// <summary>
/// The names of the categories outside the code: in JSON messages and in configuration
/// ("intrusion", "hold_up", "technical_fault"…). Parsing also takes the enum names ("HoldUp"), case ignored.
/// </summary>
public static class AlarmCategoryNames
{
    private static readonly FrozenDictionary<AlarmCategory, string> Names = new Dictionary<AlarmCategory, string>
    {
        [AlarmCategory.Intrusion] = "intrusion",
        [AlarmCategory.HoldUp] = "hold_up",
        [AlarmCategory.Panic] = "panic",
        [AlarmCategory.Fire] = "fire",
        [AlarmCategory.Tamper] = "tamper",
        [AlarmCategory.TechnicalFault] = "technical_fault",
        [AlarmCategory.OpeningClosing] = "opening_closing",
        [AlarmCategory.Test] = "test",
        [AlarmCategory.Other] = "other",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, AlarmCategory> ByName = Names
        .SelectMany(n => new[] { KeyValuePair.Create(n.Value, n.Key), KeyValuePair.Create(n.Key.ToString(), n.Key) })
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>French and English wording of a category, for a message that brings no text of its own.</summary>
    private static readonly FrozenDictionary<AlarmCategory, (string French, string English)> Wording = new Dictionary<AlarmCategory, (string, string)>
    {
        [AlarmCategory.Intrusion] = ("Intrusion", "Intrusion"),
        [AlarmCategory.HoldUp] = ("Agression", "Hold-up"),
        [AlarmCategory.Panic] = ("Panique", "Panic"),
        [AlarmCategory.Fire] = ("Incendie", "Fire"),
        [AlarmCategory.Tamper] = ("Autoprotection", "Tamper"),
        [AlarmCategory.TechnicalFault] = ("Défaut technique", "Technical fault"),
        [AlarmCategory.OpeningClosing] = ("Mise en / hors service", "Opening / closing"),
        [AlarmCategory.Test] = ("Test", "Test"),
        [AlarmCategory.Other] = ("Autre événement", "Other event"),
    }.ToFrozenDictionary();

    public static IEnumerable<string> All => Names.Values.Order(StringComparer.Ordinal);

    public static string NameOf(AlarmCategory category) => Names[category];

    public static (string French, string English) WordingOf(AlarmCategory category) => Wording[category];

    public static bool TryParse(string? name, out AlarmCategory category) => ByName.TryGetValue(name ?? string.Empty, out category);
}
