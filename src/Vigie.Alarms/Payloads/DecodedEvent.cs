using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Payloads;

/// <summary>
/// One event of a panel message, decoded: the code as sent (SIA "BA", Contact ID "E130"/"R130"), its
/// category and wording, and where it happened. <see cref="Known"/> is false for a code the catalog does not
/// have (the receiver then answers DUH but still stores the signal). <see cref="JoinedToModifier"/>: the event code
/// came run into the modifier before it, without the '/' (<see cref="Dc09.Dc09Deviations.JoinedItems"/>).
/// </summary>
public sealed record DecodedEvent(
    string Code,
    AlarmCategory Category,
    bool IsRestore,
    bool Known,
    string French,
    string English,
    string? Zone,
    string? User,
    string? Area,
    TimeOnly? PanelTime = null,
    bool PreviouslyReported = false,
    bool JoinedToModifier = false);
