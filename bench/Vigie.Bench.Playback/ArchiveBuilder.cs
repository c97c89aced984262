using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.People;
using Vigie.Domain.Recordings;
using Vigie.Domain.Sites;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Server.Recording;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Bench.Playback;

/// <summary>
/// Builds the synthetic archive of one camera in a data folder `vigie serve --data` opens as it is: the
/// database migrated and seeded through Vigie.Storage (a site, the camera, an administrator to sign in
/// with, a legal hold over the archive), then <see cref="PlaybackBenchOptions.Days"/> × 1,440 one-minute
/// segments written by the recorder's own <see cref="SegmentWriter"/> — each a file of its own with its
/// own start time (no hard links: the page cache sees every minute as distinct data) — from one source
/// minute replayed with continuous timestamps and wall clocks, and indexed in one transaction.
/// <para>
/// The legal hold keeps the host's retention job from purging the oldest days when the archive is reused
/// later than 30 days after it was built; it does not touch the playback path.
/// </para>
/// </summary>
public static class ArchiveBuilder
{
    public const string UserName = "bench";

    /// <summary>The tests' password: it passes the host's rules. The bench host listens on loopback only.</summary>
    public const string Password = "correct horse battery staple";

    private const string BuildingMarker = "archive.building";

    public static async Task<ArchiveManifest> EnsureAsync(PlaybackBenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = options.ArchiveFolder;
        if (ArchiveManifest.TryRead(folder) is { } existing)
        {
            if (existing.Days == options.Days && existing.BitrateKbps == options.BitrateKbps)
            {
                Console.WriteLine($"archive: reusing {folder} ({existing.Segments} segments, {existing.Bytes / 1e9:0.00} GB, built in {existing.EncodeSeconds + existing.WriteSeconds + existing.IndexSeconds:0} s)");
                return existing;
            }

            throw new InvalidOperationException($"{folder} holds an archive of {existing.Days} days at {existing.BitrateKbps} kbit/s; delete it or pass another --archive.");
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            if (!File.Exists(Path.Combine(folder, BuildingMarker)))
            {
                throw new InvalidOperationException($"{folder} is not empty and holds no bench archive: refusing to delete it.");
            }

            Console.WriteLine($"archive: {folder} holds an interrupted build; deleting it");
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, BuildingMarker), "interrupted build: delete me\n", cancellationToken).ConfigureAwait(false);
        var manifest = await BuildAsync(options, folder, cancellationToken).ConfigureAwait(false);
        manifest.Write(folder);
        File.Delete(Path.Combine(folder, BuildingMarker));
        return manifest;
    }

    private static async Task<ArchiveManifest> BuildAsync(PlaybackBenchOptions options, string folder, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var now = time.GetUtcNow();
        // Whole minutes, ending at the last minute begun: the archive is "the last 30 days" when built.
        var end = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var minutes = options.Days * 1440;
        var start = end - TimeSpan.FromMinutes(minutes);

        var phase = time.GetTimestamp();
        var source = await SourceClip.EncodeAsync(Path.Combine(folder, "source.h264"), options.BitrateKbps, cancellationToken).ConfigureAwait(false);
        var (frames, parameters) = AnnexBSplitter.Split(source);
        if (frames.Count != SourceClip.FramesPerMinute || !frames[0].IsKeyframe)
        {
            throw new InvalidDataException($"The source minute has {frames.Count} pictures (expected {SourceClip.FramesPerMinute}, the first a keyframe).");
        }

        var encodeSeconds = time.GetElapsedTime(phase).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"archive: source minute {source.Length / 1024.0:0} KiB, {frames.Count} pictures, {frames.Count(f => f.IsKeyframe)} keyframes ({encodeSeconds:0.0} s)"));

        var factory = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder));
        await DatabaseMigrator.MigrateAsync(factory, cancellationToken).ConfigureAwait(false);
        var camera = await SeedAsync(factory, start, end, now, cancellationToken).ConfigureAwait(false);

        phase = time.GetTimestamp();
        var collector = new SegmentCollector();
        WriteSegments(Path.Combine(folder, "recordings"), SegmentIndexWriter.FolderOf(camera), collector, frames, parameters, start, minutes, time, cancellationToken);
        var writeSeconds = time.GetElapsedTime(phase).TotalSeconds;
        if (collector.Segments.Count != minutes)
        {
            throw new InvalidOperationException($"SegmentWriter completed {collector.Segments.Count} segments, expected {minutes}.");
        }

        phase = time.GetTimestamp();
        await IndexAsync(factory, camera, collector.Segments, cancellationToken).ConfigureAwait(false);
        var indexSeconds = time.GetElapsedTime(phase).TotalSeconds;
        var bytes = collector.Segments.Sum(s => s.Bytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"archive: {minutes} segments, {bytes / 1e9:0.00} GB written in {writeSeconds:0} s, indexed in {indexSeconds:0.0} s"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new ArchiveManifest(camera.Value, start, end, minutes, bytes, options.Days, options.BitrateKbps, SourceClip.Describe(options.BitrateKbps),
            UserName, Password, encodeSeconds, writeSeconds, indexSeconds);
    }

    private static async Task<CameraId> SeedAsync(VigieDbFactory factory, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var site = new Site(SiteId.New(), "Banc d'essai relecture", "Vigie.Bench.Playback", "127.0.0.1");
        // Nothing listens on the discard port: the host's recorder retries in the background, as for a camera offline.
        var camera = new Camera(CameraId.New(), site.Id, "Caméra archivée", "rtsp://127.0.0.1:9/bench");
        var person = new Person(PersonId.New(), UserName, "Banc d'essai", Role.Administrator);
        PasswordRules.Check(Password, person.UserName);
        person.SetPasswordHash(new PasswordService().Hash(person, Password));
        db.Sites.Add(site);
        db.Cameras.Add(camera);
        db.People.Add(person);
        db.LegalHolds.Add(new LegalHold(camera.Id, start.AddDays(-1), end.AddDays(1), "Archive synthétique du banc d'essai de relecture", "BENCH-PLAYBACK", UserName, now));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return camera.Id;
    }

    /// <summary>
    /// One SegmentWriter for the whole archive, as a recorder runs for a camera: timestamps continue from
    /// minute to minute and the writer cuts a new file at the keyframe 60 s after each file's first frame.
    /// Every picture carries its wall clock (as RTCP sender reports give it), so the files' names and
    /// start times are exact minutes.
    /// </summary>
    private static void WriteSegments(string root, string cameraFolder, SegmentCollector collector, IReadOnlyList<SourceFrame> frames,
        ParameterSets parameters, DateTimeOffset start, int minutes, TimeProvider time, CancellationToken cancellationToken)
    {
        const long ticksPerFrame = AccessUnit.ClockRate / SourceClip.FramesPerSecond;
        var frameSpan = TimeSpan.FromSeconds(1.0 / SourceClip.FramesPerSecond);
        var clock = time.GetTimestamp();
        using var writer = new SegmentWriter(root, cameraFolder, collector, NullLogger.Instance);
        long index = 0;
        for (var minute = 0; minute < minutes; minute++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var frame in frames)
            {
                var wall = start + (frameSpan * index);
                var unit = AccessUnit.Copy(frame.Data, VideoCodec.H264, index * ticksPerFrame, frame.IsKeyframe, parameters, wall, wall);
                writer.OnAccessUnit(unit);
                unit.Release();
                index++;
            }

            if ((minute + 1) % 1440 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"archive: day {(minute + 1) / 1440} written ({time.GetElapsedTime(clock).TotalSeconds:0} s)"));
            }
        }
    }

    private static async Task IndexAsync(VigieDbFactory factory, CameraId camera, IReadOnlyList<CompletedSegment> segments, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var s in segments)
        {
            db.RecordingSegments.Add(new RecordingSegment(camera, s.StartsAt, s.EndsAt, s.RelativePath, s.Bytes, s.Frames, s.Keyframes, "h264", s.Width, s.Height));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
