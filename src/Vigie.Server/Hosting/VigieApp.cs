using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Vigie.Server.Api;
using Vigie.Server.Audit;
using Vigie.Server.Components;
using Vigie.Server.Demo;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.People;
using Vigie.Server.Features.Sites;
using Vigie.Server.Hubs;
using Vigie.Server.Localization;
using Vigie.Server.Security;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Hosting;

/// <summary>Builds and starts the Vigie host: the one place where services, security and endpoints are wired.</summary>
public static class VigieApp
{
    /// <summary>The addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public const string TrustedProxiesSetting = "ReverseProxy:TrustedProxies";

    /// <summary>Opens storage (with a clear error when it cannot), builds the host and maps every endpoint.</summary>
    public static async Task<WebApplication> BuildAsync(VigieHostOptions options, CancellationToken cancellationToken, Action<IServiceCollection>? overrideServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        DataFolderRights.Restrict(options.DataFolder);
        var database = DatabaseSettings.Parse(options.Database, options.DataFolder);
        var dbFactory = new VigieDbFactory(database);
        await DatabaseMigrator.MigrateAsync(dbFactory, cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(VigieApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        // DATA/appsettings.json, then the environment again so that it still wins over the file, then the host's own settings.
        builder.Configuration.AddJsonFile(Path.Combine(options.DataFolder, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(options.Overrides());
        ConfigureLogging(builder);
        AddServices(builder.Services, options, dbFactory);
        AlarmIntakeSetup.Add(builder.Services, builder.Configuration);
        Features.Analytics.AnalyticsSetup.Add(builder.Services, builder.Configuration, options);
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();
        // Instruments register when created: create them before the first scrape.
        app.Services.GetRequiredService<Recording.CameraMetrics>();
        app.Services.GetRequiredService<Alarms.JsonIntakeHolder>();
        MapEndpoints(app);
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (string.Equals(Environment.GetEnvironmentVariable("VIGIE_LOG_FORMAT"), "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            });
        }

        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }

    /// <summary>Data Protection keyed by the data folder: secrets protected by the host are readable by the CLI on the same folder, and only there.</summary>
    public static void AddDataProtection(IServiceCollection services, string dataFolder) =>
        services.AddDataProtection()
            .SetApplicationName("Vigie")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));

    private static void AddServices(IServiceCollection services, VigieHostOptions options, VigieDbFactory dbFactory)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Time);
        services.AddSingleton(dbFactory);
        services.AddSingleton<LogbookFeed>();
        services.AddSingleton<VigieMetrics>();
        services.AddSingleton<SupervisedLoops>();
        services.AddSingleton<ILogbookListener>(sp => sp.GetRequiredService<LogbookFeed>());
        services.AddSingleton<ILogbookListener>(sp => sp.GetRequiredService<VigieMetrics>());
        services.AddSingleton<LogbookWriter>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PasswordService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<ActorResolver>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton(_ => InstallationKey.LoadOrCreate(options.DataFolder));
        services.AddSingleton<Features.Logbook.LogbookCheckpoints>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Logbook.LogbookCheckpoints>());
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<Hubs.HubSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<Hubs.HubSessions>());
        services.AddSingleton<SetupService>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<LogbookService>();
        services.AddSingleton<SiteService>();
        services.AddSingleton<PeopleService>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<UiText>();
        services.AddOptions<Media.Recording.RecordingOptions>().BindConfiguration(Media.Recording.RecordingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Media.Retention.RetentionOptions>().BindConfiguration(Media.Retention.RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Recording.SegmentIndexWriter>();
        services.AddSingleton<Recording.RecordingReconciler>();
        services.AddSingleton<Recording.HostStopGaps>();
        services.AddSingleton<Recording.CameraChanges>();
        // The engines (Vigie.Media) and the ports the host wires them to: the index, the main courante, storage.
        services.AddSingleton<Media.Cameras.ICameraEvents, Recording.MainCouranteCameraEvents>();
        // Four threads finish segments (fsync, rename, index) so that the cameras' threads never wait on the disk.
        services.AddSingleton(_ => new Media.Recording.SegmentCloser(threads: 4));
        services.AddSingleton(sp => new Media.Cameras.RecordingContext(options.RecordingsFolder, sp.GetRequiredService<IOptions<Media.Recording.RecordingOptions>>().Value,
            sp.GetRequiredService<Recording.SegmentIndexWriter>(), sp.GetRequiredService<Media.Cameras.ICameraEvents>(), options.Time, sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<Media.Recording.SegmentCloser>()));
        services.AddSingleton(sp => new Media.Cameras.CameraRecorders(sp.GetRequiredService<Media.Cameras.RecordingContext>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<Media.Cameras.CameraRecorder>()));
        services.AddSingleton<Media.Cameras.ICameraRecorders>(sp => sp.GetRequiredService<Media.Cameras.CameraRecorders>());
        services.AddSingleton<Media.Retention.IFreeSpaceProbe, Media.Retention.DriveFreeSpaceProbe>();
        services.AddSingleton<Media.Retention.IRetentionStore, Recording.DbRetentionStore>();
        services.AddSingleton(sp => new Media.Retention.RetentionExecutor(options.RecordingsFolder, sp.GetRequiredService<IOptions<Media.Retention.RetentionOptions>>().Value,
            sp.GetRequiredService<Media.Retention.IRetentionStore>(), sp.GetRequiredService<Media.Cameras.ICameraEvents>(), sp.GetRequiredService<Media.Retention.IFreeSpaceProbe>(),
            options.Time, sp.GetRequiredService<ILoggerFactory>().CreateLogger<Media.Retention.RetentionExecutor>()));
        services.AddSingleton<Recording.LegalHoldService>();
        services.AddSingleton<Recording.PurgeLogService>();
        services.AddSingleton<Live.WallLayoutService>();
        services.AddSingleton<Recording.RecordingIndexService>();
        services.AddSingleton<Playback.RecordedRangeService>();
        services.AddSingleton<Recording.RecordedSegmentLookup>();
        services.AddSingleton<Snapshots.SnapshotService>();
        services.AddSingleton<Features.Logbook.LogbookAttachmentService>();
        services.AddSingleton<Export.ExportService>();
        services.AddSingleton<Features.Evidence.ExtractionRegister>();
        services.AddSingleton<Features.Evidence.AuthorityAccounts>();
        services.AddSingleton<Features.Audit.AuditViews>();
        services.AddSingleton<Features.Privacy.ComplianceWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Privacy.ComplianceWatch>());
        services.AddSingleton<Features.Masks.MaskService>();
        services.AddOptions<Features.Equipment.EquipmentOptions>().BindConfiguration(Features.Equipment.EquipmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Features.Analytics.TamperStates>();
        services.AddSingleton<Features.Equipment.EquipmentInventory>();
        services.AddSingleton<Features.Equipment.EquipmentSeries>();
        services.AddSingleton<Features.Equipment.EquipmentSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Equipment.EquipmentSupervisor>());
        services.AddSingleton<Features.Equipment.EquipmentService>();
        services.AddSingleton<Features.Equipment.MaintenanceService>();
        services.AddSingleton<Features.Equipment.ManualEquipmentService>();
        services.AddSingleton<Features.Equipment.CameraDiagnostics>();
        services.AddSingleton<Features.Equipment.FaultTicketService>();
        services.AddSingleton<Features.Equipment.EquipmentReport>();
        services.AddSingleton(sp => new Media.Ffmpeg.FfmpegRunner(sp.GetRequiredService<ILoggerFactory>().CreateLogger<Media.Ffmpeg.FfmpegRunner>()));
        services.AddSingleton(sp => new Media.Masks.MaskBurner(sp.GetRequiredService<Media.Ffmpeg.FfmpegRunner>()));
        services.AddSingleton(sp => new Media.Masks.RedactionBurner(sp.GetRequiredService<Media.Ffmpeg.FfmpegRunner>()));
        services.AddSingleton<Features.Privacy.AccessRequestService>();
        // In this order: masks and redactions are burned in before the evidence step hashes the files.
        services.AddSingleton<Export.IExportStep, Features.Masks.MaskStep>();
        services.AddSingleton<Export.IExportStep, Features.Privacy.RedactionStep>();
        services.AddSingleton<Export.IExportStep, Features.Evidence.EvidenceStep>();
        services.AddSingleton<Export.ExportRunner>();
        services.AddHostedService<Export.ExportWorker>();
        services.AddSingleton<Recording.CameraMetrics>();
        services.AddSingleton<Alarms.DbSignalStore>();
        services.AddSingleton<Alarms.AccountKeyProtector>();
        services.AddSingleton<Alarms.AccountDirectory>();
        services.AddSingleton<Alarms.SignalBatcherHolder>();
        services.AddSingleton<Alarms.TransmissionSupervisor>();
        services.AddSingleton<Alarms.TransmitterAccountRegistry>();
        services.AddSingleton<Alarms.SignalQueries>();
        services.AddSingleton<Alarms.AlarmIntakeService>();
        services.AddHostedService(sp => sp.GetRequiredService<Alarms.AlarmIntakeService>());
        if (options.SeedDemo && options.Dc09Port is not null)
        {
            services.AddHostedService<Demo.DemoPanelService>();
        }

        if (options.SimulatorPort is { } port)
        {
            services.AddSingleton(new SimulatorHostedService.Settings(port));
            services.AddHostedService<SimulatorHostedService>();
        }

        if (options.Record)
        {
            services.AddHostedService<Recording.RecordingService>();
            services.AddHostedService<Recording.RetentionService>();
            services.AddSingleton<Features.Analytics.AnalyticsRunner>();
            services.AddHostedService(sp => sp.GetRequiredService<Features.Analytics.AnalyticsRunner>());
        }

        services.AddSingleton<Live.LiveStreams>();

        AddDataProtection(services, options.DataFolder);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, IntakeTokenHandler>(IntakeToken.Scheme, null)
            .AddCookie(cookie =>
        {
            cookie.Cookie.Name = "vigie.session";
            cookie.Cookie.HttpOnly = true;
            // Strict: no cross-site request ever carries the session, which also shields the JSON API from CSRF.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // One shift: a session ends 12 hours after sign-in, whatever the activity.
            cookie.ExpireTimeSpan = SessionStore.Lifetime;
            cookie.SlidingExpiration = false;
            cookie.LoginPath = "/login";
            cookie.AccessDeniedPath = "/forbidden";
            cookie.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RespondOrRedirect(context, StatusCodes.Status403Forbidden);
            cookie.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateAsync(context);
        });
        services.AddAuthorizationBuilder()
            .AddVigiePolicies()
            .AddPolicy(IntakeToken.Policy, policy => policy.AddAuthenticationSchemes(IntakeToken.Scheme).RequireAuthenticatedUser().RequireClaim(IntakeToken.SourceClaim))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        // Enums as camelCase names in the API and the hub (numbers still read); a request that cannot be bound
        // throws, so that ApiExceptionHandler answers a problem naming the field instead of an empty 400.
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSignalR(o => o.AddFilter<AccessDeniedHubFilter>()).AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage").AddCheck<LoopsHealthCheck>("loops");
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(VigieMetrics.MeterName, Recording.CameraMetrics.MeterName, Alarms.AlarmIntakeService.MeterName, SupervisedLoops.MeterName, Features.Equipment.EquipmentSupervisor.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
    }

    private static Task RespondOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void MapEndpoints(WebApplication app)
    {
        // Behind a reverse proxy (TLS), the client's address is the proxy's unless the proxy is named: sign-in
        // throttling and its flood limit count per address, so name it (docs/operations.md).
        if (app.Configuration.GetSection(TrustedProxiesSetting).Get<string[]>() is { Length: > 0 } proxies)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            app.UseForwardedHeaders(forwarded);
        }

        app.UseExceptionHandler();
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/hubs"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Explicit routing after the status-code pages, so that the re-executed /not-found request is routed.
        app.UseRouting();
        // The console's hub and Blazor circuits are WebSockets too: another origin's page (another port of
        // this host is the same *site*, so its requests carry the session cookie) must not open them.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ConsoleHub.Path) || context.Request.Path.StartsWithSegments("/_blazor"),
            branch => branch.Use(WebSocketOrigin.RefuseCrossOrigin));
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(UiText.French),
            SupportedCultures = [new CultureInfo(UiText.French), new CultureInfo(UiText.English)],
            SupportedUICultures = [new CultureInfo(UiText.French), new CultureInfo(UiText.English)],
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorisation: only calls with a valid token count against their source's budget.
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health", HealthAnswer.Options).AllowAnonymous();
        // Metrics carry no personal data; the host listens on loopback by default.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();

        var api = app.MapGroup("/api");
        SessionEndpoints.Map(api);
        LogbookEndpoints.Map(api);
        SiteEndpoints.Map(api);
        PeopleEndpoints.Map(api);
        RecordingEndpoints.Map(api);
        LiveEndpoints.Map(api);
        PlaybackEndpoints.Map(api);
        ExportEndpoints.Map(api);
        Features.Evidence.ExtractionEndpoints.Map(api);
        Features.Masks.MaskEndpoints.Map(api);
        Features.Audit.AuditEndpoints.Map(api);
        Features.Privacy.AccessRequestEndpoints.Map(api);
        Features.Equipment.EquipmentEndpoints.Map(api);
        AlarmEndpoints.Map(api);
        AlarmHandlingEndpoints.Map(api);
        AnalyticsEndpoints.Map(api);
        IntakeEndpoints.Map(api);
        ConsoleEndpoints.Map(app);
        app.MapHub<ConsoleHub>(ConsoleHub.Path).RequireAuthorization(Policies.SignedIn);

        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .Add(BlazorInfrastructurePolicy.Apply);
    }
}
