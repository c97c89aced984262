namespace Vigie.Server.Api;

/// <summary>The answer to a webhook message, sent once it is committed: <c>accepted</c>, or <c>duplicate</c> when its event id was already stored.</summary>
public sealed record WebhookAnswer(string Status, string EventId, long? SignalId);
