using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Bench.Playback;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.Recordings;
using Vigie.Domain.Sites;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Server.Recording;
using Vigie.Storage.Database;

namespace Vigie.Bench.Evidence;

/// <summary>
/// One hour of one camera in a data folder `vigie` opens as it is: one source minute encoded by ffmpeg (H.264 High,
/// no B-frames, the camera's size, rate, GOP and bitrate) replayed 60 times with continuous timestamps through the
/// recorder's own <see cref="SegmentWriter"/> (one-minute segments) and indexed. Built once, then reused.
/// </summary>
public sealed record HourArchive(string DataFolder, CameraId Camera, string CameraName, DateTimeOffset Start, DateTimeOffset End, string Describe)
{
    public const string CameraLabel = "Parking bench";

    public VigieDbFactory Factory => new(DatabaseSettings.SqliteInFolder(DataFolder));

    public static async Task<HourArchive> EnsureAsync(EvidenceBenchOptions options, CancellationToken cancellationToken)
    {
        var data = Path.Combine(options.Folder, "data");
        var describe = string.Create(CultureInfo.InvariantCulture,
            $"H.264 High {options.Width}x{options.Height} {options.Fps} fps, GOP {options.Gop}, {options.BitrateKbps} kbit/s (ffmpeg testsrc2), one-minute segments");
        var marker = Path.Combine(options.Folder, "archive.txt");
        if (File.Exists(marker) && (await File.ReadAllLinesAsync(marker, cancellationToken).ConfigureAwait(false)) is [var text, var camera, var start] && text == describe)
        {
            Console.WriteLine($"archive: reusing {data}");
            var from = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture);
            return new HourArchive(data, new CameraId(Guid.Parse(camera)), CameraLabel, from, from.AddHours(1), describe);
        }

        if (Directory.Exists(options.Folder))
        {
            Directory.Delete(options.Folder, recursive: true);
        }

        Directory.CreateDirectory(data);
        var source = await EncodeMinuteAsync(options, Path.Combine(options.Folder, "source.h264"), cancellationToken).ConfigureAwait(false);
        var (frames, parameters) = AnnexBSplitter.Split(source);
        var now = TimeProvider.System.GetUtcNow();
        var end = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-5);
        var begin = end.AddHours(-1);
        var factory = new VigieDbFactory(DatabaseSettings.SqliteInFolder(data));
        await DatabaseMigrator.MigrateAsync(factory, cancellationToken).ConfigureAwait(false);
        var site = new Site(SiteId.New(), "Banc d'essai preuves", "Vigie.Bench.Evidence", "127.0.0.1");
        var cameraRow = new Camera(CameraId.New(), site.Id, CameraLabel, "rtsp://127.0.0.1:9/bench");
        await using (var db = factory.CreateDbContext())
        {
            db.Sites.Add(site);
            db.Cameras.Add(cameraRow);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var collector = new SegmentCollector();
        var watch = Stopwatch.StartNew();
        using (var writer = new SegmentWriter(Path.Combine(data, "recordings"), SegmentIndexWriter.FolderOf(cameraRow.Id), collector, NullLogger.Instance))
        {
            var ticksPerFrame = AccessUnit.ClockRate / options.Fps;
            var frameSpan = TimeSpan.FromSeconds(1.0 / options.Fps);
            long index = 0;
            for (var minute = 0; minute < 60; minute++)
            {
                foreach (var frame in frames)
                {
                    var wall = begin + (frameSpan * index);
                    var unit = AccessUnit.Copy(frame.Data, VideoCodec.H264, index * ticksPerFrame, frame.IsKeyframe, parameters, wall, wall);
                    writer.OnAccessUnit(unit);
                    unit.Release();
                    index++;
                }
            }
        }

        await using (var db = factory.CreateDbContext())
        {
            foreach (var s in collector.Segments)
            {
                db.RecordingSegments.Add(new RecordingSegment(cameraRow.Id, s.StartsAt, s.EndsAt, s.RelativePath, s.Bytes, s.Frames, s.Keyframes, "h264", s.Width, s.Height));
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"archive: {collector.Segments.Count} segments, {collector.Segments.Sum(s => s.Bytes) / 1e6:0} MB written in {watch.Elapsed.TotalSeconds:0} s"));
        await File.WriteAllLinesAsync(marker, [describe, cameraRow.Id.Value.ToString("D"), begin.ToString("O", CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        return new HourArchive(data, cameraRow.Id, CameraLabel, begin, end, describe);
    }

    /// <summary>Puts a privacy mask on the camera (a window-shaped polygon over a fifth of the picture), or takes it off.</summary>
    public async Task SetMaskAsync(bool on)
    {
        await using var db = Factory.CreateDbContext();
        var mask = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.PrivacyMasks, m => m.CameraId == Camera).ConfigureAwait(false);
        if (mask is null)
        {
            mask = new PrivacyMask(Camera);
            db.PrivacyMasks.Add(mask);
        }

        mask.Set(on ? [[new(0.1, 0.1), new(0.5, 0.15), new(0.45, 0.55), new(0.12, 0.5)]] : [], false, "bench", TimeProvider.System.GetUtcNow());
        await db.SaveChangesAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<byte[]> EncodeMinuteAsync(EvidenceBenchOptions o, string path, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={o.Width}x{o.Height}:rate={o.Fps}"),
            "-frames:v", (60 * o.Fps).ToString(CultureInfo.InvariantCulture), "-an",
            "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-bf", "0",
            "-g", o.Gop.ToString(CultureInfo.InvariantCulture), "-keyint_min", o.Gop.ToString(CultureInfo.InvariantCulture), "-sc_threshold", "0",
            "-b:v", $"{o.BitrateKbps}k", "-maxrate", $"{o.BitrateKbps * 3 / 2}k", "-bufsize", $"{o.BitrateKbps * 2}k",
            "-f", "h264", path,
        ];
        Console.WriteLine($"$ ffmpeg {string.Join(' ', arguments)}");
        var result = await VigieCli.RunProgramAsync("ffmpeg", arguments).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed encoding the source minute: {result.Error}");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
