namespace Vigie.Server.Alarms;

/// <summary>A webhook source just declared, with its bearer token: shown this once, only its hash is stored.</summary>
public sealed record NewWebhookSource(IntakeSourceView Source, string Token);
