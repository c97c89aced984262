using System.Globalization;
using Vigie.Alarms.Intake;
using Vigie.Alarms.Payloads;
using Vigie.Domain;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Json;

/// <summary>
/// Turns a checked JSON message of a source into the signal every intake produces. What happened: the
/// <c>category</c> when the sender gives one, else the meaning of its <c>code</c> in the event catalog (SIA
/// "BA", Contact ID "E130"/"R130"), else <see cref="AlarmCategory.Other"/>, stored all the same, as DC-09 does.
/// The priority is the installation's for that category unless the message sets one.
/// </summary>
public static class JsonAlarmNormaliser
{
    public static AlarmSignal ToSignal(JsonAlarmMessage message, IntakeSourceInfo source, SiteId site, AlarmPriorities priorities, DateTimeOffset now, string raw, string? remote, string? extendedData)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(priorities);
        var meaning = message.Code is { } code ? Lookup(code) : null;
        var category = message.Category ?? meaning?.Category ?? AlarmCategory.Other;
        var restore = message.Restore ?? meaning?.IsRestore ?? false;
        var (french, english) = message.Text is { } text
            ? (text, text)
            : meaning is not null && (message.Category is null || message.Category == meaning.Category)
                ? (meaning.French, meaning.English)
                : AlarmCategoryNames.WordingOf(category);
        return new AlarmSignal(source.Source, now, site, account: null, message.Code ?? AlarmCategoryNames.NameOf(category), category, restore,
            message.Priority ?? priorities.Of(category), french, english, raw)
        {
            Zone = message.Zone,
            User = message.User,
            Area = message.Area,
            SentAt = message.Time,
            VerificationUrl = message.VerificationUrl,
            ExtendedData = extendedData,
            MessageKey = message.EventId,
            Remote = remote,
        };
    }

    /// <summary>A SIA DC-03 code ("BA"), or a Contact ID event ("E130" new, "R130" restore); null when the catalog does not know it.</summary>
    private static EventMeaning? Lookup(string code)
    {
        if (EventCatalog.Sia(code) is { } sia)
        {
            return sia;
        }

        if (code.Length == 4 && code[0] is 'E' or 'R' && int.TryParse(code.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var contactId))
        {
            return EventCatalog.ContactId(contactId, restore: code[0] == 'R');
        }

        return null;
    }
}
