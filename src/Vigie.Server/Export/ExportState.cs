namespace Vigie.Server.Export;

public enum ExportState
{
    Queued,
    Running,
    Done,
    Failed,
}
