namespace Vigie.Server.Api;

/// <summary>A new webhook source: its name and its sites (names or ids, the first is the default).</summary>
public sealed record WebhookSourceInput(string? Name, IReadOnlyList<string>? Sites);
