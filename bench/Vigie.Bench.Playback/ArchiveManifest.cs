using System.Text.Json;

namespace Vigie.Bench.Playback;

/// <summary>
/// What a complete archive holds, written last (archive.json in its folder): an archive without it is an
/// interrupted build and is built again.
/// </summary>
public sealed record ArchiveManifest(
    Guid CameraId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Segments,
    long Bytes,
    int Days,
    int BitrateKbps,
    string Source,
    string UserName,
    string Password,
    double EncodeSeconds,
    double WriteSeconds,
    double IndexSeconds)
{
    public const string FileName = "archive.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string CameraFolder => CameraId.ToString("N");

    public static ArchiveManifest? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<ArchiveManifest>(File.ReadAllText(path), Json) : null;
    }

    public void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));
}
