namespace Vigie.Server.Export;

/// <summary>What a person asks to export: one to four cameras over one range (UTC instants), and why.</summary>
public sealed record ExportRequest(IReadOnlyList<Guid>? CameraIds, DateTimeOffset? From, DateTimeOffset? To, string? Reason = null, string? Authority = null, string? Requisition = null, string? Officer = null, bool Judicial = false);
