namespace Vigie.Server.Export;

/// <summary>
/// A step run on an export after its MP4 files are written, in registration order (docs/decisions/0012):
/// the extension point for the extraction register, the SHA-256 manifest, the signature and burned-in
/// privacy masks. A step may add files to the job or rewrite them (the masks step re-encodes a masked
/// camera's clips before the evidence step hashes them). A step that throws fails the export: its files
/// are deleted and the failure is audited.
/// </summary>
public interface IExportStep
{
    /// <summary>Before any file is written (decide re-encoding, reserve a register number).</summary>
    ValueTask Prepare(ExportJob job, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>After every file is written; <paramref name="folder"/> holds them.</summary>
    ValueTask RunAsync(ExportJob job, string folder, CancellationToken cancellationToken);

    /// <summary>The export failed (its files are deleted): record it where the step keeps state.</summary>
    ValueTask FailedAsync(ExportJob job, string reason, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
