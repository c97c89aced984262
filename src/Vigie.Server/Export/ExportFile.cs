namespace Vigie.Server.Export;

/// <summary>One file of a finished export (number n is its place in <see cref="ExportJob.Files"/>, from 1).</summary>
public sealed record ExportFile(int Number, Guid CameraId, string CameraName, string FileName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, long Bytes, int Frames, string Codec, int Width, int Height)
{
    /// <summary>Full path on disk; never sent to clients.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Path { get; init; } = string.Empty;

    /// <summary>The camera's privacy masks are burned into this file (re-encoded H.264).</summary>
    public bool Masked { get; init; }

    /// <summary>Third parties are blurred out of this file (an access request's redacted export).</summary>
    public bool Redacted { get; init; }
}
