namespace Vigie.Alarms.Payloads;

/// <summary>A decoded payload: its events (none for an empty supervision message), the account it names, any ASCII text; or an error.</summary>
public sealed record DecodedPayload(IReadOnlyList<DecodedEvent> Events, string? Account, string? Text, string? Error)
{
    public bool Ok => Error is null;

    public static DecodedPayload Empty { get; } = new([], null, null, null);

    public static DecodedPayload Fail(string error) => new([], null, null, error);
}
