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

    public Task<IReadOnlyList<CameraFrames>> CountFramesAsync(CancellationToken cancellationToken)
    {
        var counts = new List<CameraFrames>();
        foreach (var (camera, id) in _ids.OrderBy(p => p.Key))
        {
            var cameraFolder = Path.Combine(RecordingsFolder, id.Value.ToString("N"));
            long frames = 0, keyframes = 0, bytes = 0, ticks = 0;
            int files = 0, torn = 0;
            var resolution = string.Empty;
            if (Directory.Exists(cameraFolder))
            {
                foreach (var file in Directory.EnumerateFiles(cameraFolder, "*", SearchOption.AllDirectories))
                {
                    if (file.EndsWith(RecordingPaths.TemporarySuffix, StringComparison.Ordinal))
                    {
                        torn++;
                        continue;
                    }

                    if (SegmentFileInfo.TryRead(file) is { } info)
                    {
                        files++;
                        frames += info.Frames;
                        keyframes += info.Keyframes;
                        ticks += info.DurationTicks;
                        bytes += new FileInfo(file).Length;
                        resolution = string.Create(CultureInfo.InvariantCulture, $"{info.Width}x{info.Height}");
                    }
                }
            }

            counts.Add(new CameraFrames(camera, frames, keyframes, bytes, ticks / 90_000.0, files, torn, resolution));
        }

        return Task.FromResult<IReadOnlyList<CameraFrames>>(counts);
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
}
