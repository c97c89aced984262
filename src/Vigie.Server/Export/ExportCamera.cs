namespace Vigie.Server.Export;

/// <summary>One camera of an export, as checked when the export was requested.</summary>
public sealed record ExportCamera(Guid Id, Guid SiteId, string Name);
