using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Payloads;

/// <summary>What an event code means: its category, whether it reports the end of a condition, French and English wording.</summary>
/// <param name="NumberIsUser">True when the number after the code is a user (openings, closings), not a zone.</param>
public sealed record EventMeaning(AlarmCategory Category, bool IsRestore, string French, string English, bool NumberIsUser = false);
