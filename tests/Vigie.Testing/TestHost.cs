using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.People;
using Vigie.Domain.Recordings;
using Vigie.Server.Cli;
using Vigie.Server.Features.People;
using Vigie.Server.Features.Sites;
using Vigie.Server.Hosting;
using Vigie.Server.Recording;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Testing;

/// <summary>
/// A real Vigie host on a loopback port with its own data folder and a fake clock, started the way
/// `vigie serve` starts it. Tests talk to it over HTTP and SignalR like any client.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private TestHost(WebApplication app, string dataFolder, FakeTimeProvider time, StringWriter output)
    {
        App = app;
        DataFolder = dataFolder;
        Time = time;
        Output = output;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private bool _disposed;

    public WebApplication App { get; }

    public string DataFolder { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>What the host printed on standard output (the setup link).</summary>
    public StringWriter Output { get; }

    public Uri BaseAddress { get; }

    /// <summary>Leave the data folder on disk after disposal (for tests that inspect it afterwards).</summary>
    public bool KeepDataFolder { get; set; }

    /// <summary>
    /// Starts a host. The fake clock starts at <paramref name="now"/> (default 2026-11-29 10:00 UTC) and moves only when a test advances it.
    /// <paramref name="dataFolder"/>: the folder of an earlier host (disposed with <see cref="KeepDataFolder"/>), to start it again.
    /// </summary>
    public static async Task<TestHost> StartAsync(bool seedDemo = false, string? database = null, DateTimeOffset? now = null, Func<VigieHostOptions, VigieHostOptions>? configure = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, string? dataFolder = null)
    {
        var folder = dataFolder ?? Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        var output = new StringWriter();
        var options = new VigieHostOptions
        {
            DataFolder = folder,
            Urls = "http://127.0.0.1:0",
            Database = database,
            SeedDemo = seedDemo,
            Output = output,
            Time = time,
            Record = false,
        };
        options = configure?.Invoke(options) ?? options;
        var app = await VigieApp.BuildAsync(options, CancellationToken.None, services);
        await ServeCommand.StartAsync(app, options, CancellationToken.None);
        return new TestHost(app, folder, time, output);
    }

    /// <summary>Starts a host on a fresh PostgreSQL database of the test server, dropped on disposal.</summary>
    public static async Task<TestHost> StartOnPostgresAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var settings = await Vigie.Storage.Tests.Database.PostgresTestServer.CreateDatabaseAsync("vigie_host_" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        var host = await StartAsync(database: settings.ConnectionString, services: services);
        host._onDispose = () => Vigie.Storage.Tests.Database.PostgresTestServer.DropDatabaseAsync(settings);
        host.DatabaseArgument = settings.ConnectionString;
        return host;
    }

    /// <summary>The `--db` value of this host's database; null for SQLite in the data folder.</summary>
    public string? DatabaseArgument { get; private set; }

    private Func<Task>? _onDispose;

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>An administrator actor for arranging data (bypasses sign-in, not authorisation).</summary>
    public static Actor SystemAdministrator { get; } = new(new PersonId(Guid.Empty), "test-admin", "Test admin", Role.Administrator, new HashSet<SiteId>());

    public async Task<SiteDto> CreateSiteAsync(string name) =>
        await Service<SiteService>().SaveSiteAsync(SystemAdministrator, null, new SiteInput(name, "Client", "Adresse", null, null, null, []));

    public async Task<CameraDto> CreateCameraAsync(SiteDto site, string name) =>
        await Service<SiteService>().SaveCameraAsync(SystemAdministrator, null, new CameraInput(site.Id, name, $"rtsp://127.0.0.1:8554/{name}", null, "viewer", "stream-secret", 30));

    public async Task<PersonDto> CreatePersonAsync(string userName, Role role, IEnumerable<SiteDto>? sites = null, DateOnly? cardExpiry = null)
    {
        var needsCard = ProfessionalCard.IsRequiredFor(role) || cardExpiry is not null;
        var expiry = cardExpiry ?? DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime).AddYears(2);
        return await Service<PeopleService>().SaveAsync(SystemAdministrator, null, new PersonInput(
            userName, userName.ToUpperInvariant(), role, needsCard ? "CAR-075-2030-01-01-20230001234" : null, needsCard ? expiry : null,
            (sites ?? []).Select(s => s.Id).ToList(), true, Password));
    }

    /// <summary>
    /// Adds a segment row to the recording index as the recorder would after closing a file (no file is
    /// written: for tests of what the index shows). 25 fps, one keyframe a second, H.264 1280x720.
    /// </summary>
    public async Task<RecordingSegment> IndexSegmentAsync(Guid camera, DateTimeOffset start, TimeSpan length, long bytes = 2_500_000, bool missing = false)
    {
        var id = new CameraId(camera);
        var seconds = (int)length.TotalSeconds;
        var segment = new RecordingSegment(id, start, start + length, Media.Recording.RecordingPaths.RelativePath(SegmentIndexWriter.FolderOf(id), start),
            bytes, seconds * 25, seconds, "h264", 1280, 720);
        if (missing)
        {
            segment.MarkMissing();
        }

        await using var db = Service<VigieDbFactory>().CreateDbContext();
        db.RecordingSegments.Add(segment);
        await db.SaveChangesAsync();
        return segment;
    }

    /// <summary>Adds a gap row to the recording index (a span the camera was not recorded).</summary>
    public async Task<RecordingGap> IndexGapAsync(Guid camera, DateTimeOffset start, DateTimeOffset end, string reason = "perte vidéo")
    {
        var gap = new RecordingGap(new CameraId(camera), start, end, reason);
        await using var db = Service<VigieDbFactory>().CreateDbContext();
        db.RecordingGaps.Add(gap);
        await db.SaveChangesAsync();
        return gap;
    }

    /// <summary>An HTTP client with its own cookie jar; signed in when <paramref name="userName"/> is given.</summary>
    public Task<HttpClient> ClientAsync(string? userName = null, string password = Password) =>
        ClientAsync(new CookieContainer(), userName, password);

    /// <summary>Signs in and returns the session cookie as a Cookie header (for SignalR clients).</summary>
    public async Task<string> SessionCookieAsync(string userName)
    {
        var cookies = new CookieContainer();
        using var client = await ClientAsync(cookies, userName, Password);
        return cookies.GetCookieHeader(BaseAddress);
    }

    private async Task<HttpClient> ClientAsync(CookieContainer cookies, string? userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        if (userName is not null)
        {
            var response = await client.PostAsJsonAsync("/api/session", new { userName, password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return client;
    }

    /// <summary>Stops the host (once: a test may stop it early, to run a command on its data folder).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_onDispose is not null)
        {
            await _onDispose();
        }

        if (KeepDataFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the temp folder is cleaned by the OS.
        }
    }
}
