using System.Diagnostics;
using System.Globalization;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.Sites;
using Vigie.Media.Recording;
using Vigie.Storage.Database;

namespace Vigie.Bench.Recording;

/// <summary>
/// The product as it runs: `vigie serve` on a fresh data folder whose database holds N cameras pointing at
/// the simulator (seeded through Vigie.Storage before the host starts, as the demo seeds its four). Every
/// camera is recorded by the host's RecordingService into 60 s fMP4 segments.
/// </summary>
public sealed class VigieSide(BenchOptions options, CamsimProcess simulator, int cameras, string folder) : IRecorderSide
{
    private readonly Dictionary<int, CameraId> _ids = [];
    /// <summary>With --discard: what the segments already counted and deleted held, per camera folder.</summary>
    private readonly Dictionary<string, Tally> _discarded = [];
    private readonly CancellationTokenSource _stopDiscarding = new();
    private Task _discarding = Task.CompletedTask;
    private ChildProcess? _host;
    private bool _stopped;

    public string Name => "Vigie";

    public IReadOnlyList<int> ProcessIds => _host is null ? [] : [_host.Id];

    private string RecordingsFolder => Path.Combine(folder, "recordings");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A fresh data folder every time (a kept one from an earlier run would hold other cameras).
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        await PortCheck.EnsureFreeAsync(options.HttpPort, "Vigie host").ConfigureAwait(false);
        await SeedAsync(cancellationToken).ConfigureAwait(false);
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.HttpPort}");
        _host = ChildProcess.Start("dotnet", [options.VigieDll, "serve", "--data", folder, "--urls", url], Path.Combine(folder, "host.log"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_host.HasExited)
            {
                throw new InvalidOperationException($"vigie serve exited with {_host.ExitCode}; see {folder}/host.log.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(url + "/health"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    if (options.Discard)
                    {
                        _discarding = DiscardAsync(_stopDiscarding.Token);
                    }

                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow answer while starting.
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"vigie serve was not healthy within 2 minutes; see {folder}/host.log.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_host is null)
        {
            return;
        }

        // Each recorder completes its segment when its session ends; wait until no .part is left.
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(1) && quiet < 2)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            quiet = Directory.Exists(RecordingsFolder) && Directory.EnumerateFiles(RecordingsFolder, "*" + RecordingPaths.TemporarySuffix, SearchOption.AllDirectories).Any() ? 0 : quiet + 1;
        }

        await _host.TerminateAsync().ConfigureAwait(false);
        await _host.WaitForExitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        _stopped = true;
    }

    public async Task<IReadOnlyList<CameraFrames>> CountFramesAsync(CancellationToken cancellationToken)
    {
        await _stopDiscarding.CancelAsync().ConfigureAwait(false);
        await _discarding.ConfigureAwait(false);
        if (options.Discard)
        {
            PhaseRunner.Log(string.Create(CultureInfo.InvariantCulture, $"  --discard: {_discarded.Values.Sum(t => t.Files):N0} segments counted and deleted during the run"));
        }

        var counts = new List<CameraFrames>();
        foreach (var (camera, id) in _ids.OrderBy(p => p.Key))
        {
            var name = id.Value.ToString("N");
            var cameraFolder = Path.Combine(RecordingsFolder, name);
            var tally = _discarded.GetValueOrDefault(name) ?? new Tally();
            if (Directory.Exists(cameraFolder))
            {
                foreach (var file in Directory.EnumerateFiles(cameraFolder, "*", SearchOption.AllDirectories))
                {
                    if (file.EndsWith(RecordingPaths.TemporarySuffix, StringComparison.Ordinal))
                    {
                        tally.Torn++;
                        continue;
                    }

                    tally.Add(file);
                }
            }

            counts.Add(new CameraFrames(camera, tally.Frames, tally.Keyframes, tally.Bytes, tally.Ticks / 90_000.0, tally.Files, tally.Torn, tally.Resolution));
        }

        return counts;
    }

    /// <summary>
    /// --discard: every 10 s, counts the complete segments (renamed from .part, fsynced and closed by the host)
    /// and deletes them, so that a long run at 1,000+ cameras (≈ 15 MB per camera-minute) fits on the disk.
    /// The host's index then points at files that are gone, which nothing in the run reads.
    /// </summary>
    private async Task DiscardAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!Directory.Exists(RecordingsFolder))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(RecordingsFolder, "*.mp4", SearchOption.AllDirectories))
                {
                    // RECORDINGS/<camera>/yyyy/MM/dd/<name>.mp4 (RecordingPaths).
                    var camera = Path.GetRelativePath(RecordingsFolder, file).Split(Path.DirectorySeparatorChar)[0];
                    if (!_discarded.TryGetValue(camera, out var tally))
                    {
                        _discarded[camera] = tally = new Tally();
                    }

                    if (tally.Add(file))
                    {
                        File.Delete(file);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The phase is over: what is left is counted by CountFramesAsync.
        }
    }

    public void Clean()
    {
        if (!options.Keep && Directory.Exists(folder))
        {
            // The host's log says why a session ended early (reconnections are where frames get lost): keep it.
            var log = Path.Combine(folder, "host.log");
            if (File.Exists(log))
            {
                var logs = Path.Combine(options.WorkFolder, "logs");
                Directory.CreateDirectory(logs);
                File.Copy(log, Path.Combine(logs, Path.GetFileName(folder) + ".host.log"), overwrite: true);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var factory = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder));
        await DatabaseMigrator.MigrateAsync(factory, cancellationToken).ConfigureAwait(false);
        if (cameras == 0)
        {
            return;
        }

        await using var db = factory.CreateDbContext();
        var site = new Site(SiteId.New(), "Banc d'essai enregistrement", "Vigie.Bench.Recording", "127.0.0.1");
        db.Sites.Add(site);
        for (var i = 1; i <= cameras; i++)
        {
            var camera = new Camera(CameraId.New(), site.Id, string.Create(CultureInfo.InvariantCulture, $"Caméra simulée {i}"), simulator.UrlOf(i));
            _ids[i] = camera.Id;
            db.Cameras.Add(camera);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopDiscarding.CancelAsync().ConfigureAwait(false);
        await _discarding.ConfigureAwait(false);
        _stopDiscarding.Dispose();
        if (_host is not null)
        {
            if (!_stopped)
            {
                await _host.TerminateAsync().ConfigureAwait(false);
                await _host.WaitForExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }

            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One camera's recorded segments, added up file by file.</summary>
    private sealed class Tally
    {
        public long Frames { get; private set; }

        public long Keyframes { get; private set; }

        public long Bytes { get; private set; }

        public long Ticks { get; private set; }

        public int Files { get; private set; }

        public int Torn { get; set; }

        public string Resolution { get; private set; } = string.Empty;

        /// <summary>Adds a complete segment file; false when it could not be read as one.</summary>
        public bool Add(string file)
        {
            if (SegmentFileInfo.TryRead(file) is not { } info)
            {
                return false;
            }

            Files++;
            Frames += info.Frames;
            Keyframes += info.Keyframes;
            Ticks += info.DurationTicks;
            Bytes += new FileInfo(file).Length;
            Resolution = string.Create(CultureInfo.InvariantCulture, $"{info.Width}x{info.Height}");
            return true;
        }
    }
}
