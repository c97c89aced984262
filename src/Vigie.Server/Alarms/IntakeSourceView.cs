namespace Vigie.Server.Alarms;

/// <summary>An intake source as administrators see it: never its token nor its password, only whether there is one.</summary>
public sealed record IntakeSourceView(
    string Name,
    string Kind,
    bool Enabled,
    IReadOnlyList<string> Sites,
    string? WebhookPath,
    string? Broker,
    string? TopicFilter,
    string? Username,
    bool HasPassword,
    bool? Connected,
    DateTimeOffset CreatedAt);
