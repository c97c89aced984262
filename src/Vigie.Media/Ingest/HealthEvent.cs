namespace Vigie.Media.Ingest;

/// <summary>A technical event of a camera: "perte vidéo" and "flux rétabli".</summary>
public sealed record HealthEvent(HealthEventKind Kind, DateTimeOffset At, DateTimeOffset? LastFrameAt, string Detail);
