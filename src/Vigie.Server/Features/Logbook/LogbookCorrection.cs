namespace Vigie.Server.Features.Logbook;

/// <summary>A correction: a new entry that points at the corrected one, which stays untouched.</summary>
public sealed record LogbookCorrection(string Text, string? References = null);
