using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Server.Export;
using Vigie.Server.Features.Alarms;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.People;
using Vigie.Server.Features.Sites;
using Vigie.Server.Hubs;
using Vigie.Server.Live;
using Vigie.Server.Recording;
using Vigie.Storage.Access;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

/// <summary>
/// The register of every query that lists data for a person, and the proof that each keeps to the person's sites:
/// lists of site rows go through <see cref="SiteScope"/> (their SQL carries its tag) and never return another
/// site's rows; the others say how they are kept in bounds, and that is checked too. A new list query that is
/// not in the register fails the first test.
/// </summary>
public sealed partial class SiteScopedQueriesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Every list query of the host and of storage that takes an actor, and every hub method that lists; how it keeps to the actor's sites.</summary>
    private static readonly Dictionary<string, (Scoping How, string Why)> Register = new()
    {
        ["SiteService.ListSitesAsync"] = (Scoping.SiteScope, "sites"),
        ["SiteService.ListCamerasAsync"] = (Scoping.SiteScope, "cameras; a site asked for is demanded first (403)"),
        ["LogbookService.ListAsync"] = (Scoping.SiteScope, "main courante and audit journal, through LogbookQueries.ListAsync"),
        ["LogbookQueries.ListAsync"] = (Scoping.SiteScope, "log book entries; entries without a site are shown to all readers"),
        ["SignalQueries.ListAsync"] = (Scoping.SiteScope, "alarm signals and their site names; signals of unknown accounts are shown to all"),
        ["SignalQueries.TransmittersAsync"] = (Scoping.SiteScope, "transmitter accounts and their site names"),
        ["AlarmService.ListAsync"] = (Scoping.SiteScope, "open or closed alarms and their site names; alarms of unknown accounts are shown to all"),
        ["AlarmService.SignalsAsync"] = (Scoping.OneAlarm, "the signals of one alarm"),
        ["AlarmService.ColleaguesAsync"] = (Scoping.OneAlarm, "the people one alarm may be handed to"),
        ["AlarmSetupService.ConsignesAsync"] = (Scoping.OneSite, "one site's consignes"),
        ["AlarmSetupService.ZonesAsync"] = (Scoping.OneSite, "one site's zone cameras"),
        ["HandoverService.ListRecentAsync"] = (Scoping.NoSiteData, "handovers carry counts and notes, never a site's alarms"),
        ["IncidentService.ListAsync"] = (Scoping.NoSiteData, "incidents span sites; the count of their alarms goes through the site scope"),
        ["IncidentService.ChecklistsAsync"] = (Scoping.NoSiteData, "crisis checklists are the centre's, not a site's"),
        ["PatrolService.ListAgentsAsync"] = (Scoping.NoSiteData, "the roster of intervenants serves every site"),
        ["PatrolService.ListForAlarmAsync"] = (Scoping.OneAlarm, "the dispatches of one alarm"),
        ["WallLayoutService.ListAsync"] = (Scoping.SiteScope, "the person's own layouts; a tile shows a camera only if the scope keeps it"),
        ["RecordingIndexService.ListAsync"] = (Scoping.OneCamera, "one camera's segments, gaps and holds"),
        ["RecordingIndexService.DaysAsync"] = (Scoping.OneCamera, "one camera's recorded days"),
        ["LegalHoldService.ListAsync"] = (Scoping.OneCamera, "one camera's legal holds"),
        ["AccessRequestService.ListAsync"] = (Scoping.SiteScope, "access requests naming a camera the scope keeps"),
        ["LegalHoldService.ListAllAsync"] = (Scoping.SiteScope, "every hold of the cameras the scope keeps (run as a supervisor of the operator's sites: operators do not list holds)"),
        ["ExportService.Mine"] = (Scoping.OwnRequests, "the person's own export requests, in memory; a download demands the camera's site again"),
        ["PeopleService.ListAsync"] = (Scoping.AdministratorsOnly, "people and their sites, for administrators, who see every site"),
        ["PurgeLogService.ListAsync"] = (Scoping.WholeCentreReaders, "the purge log, for auditors and administrators (AuditRead), who see every site"),
        ["ExtractionRegister.ListAsync"] = (Scoping.WholeCentreReaders, "the extraction register, for auditors and administrators (AuditRead), who see every site"),
        ["ConsoleHub.RecentLogbook"] = (Scoping.ThroughAnotherQuery, "LogbookService.ListAsync"),
        ["AuditViews.EntriesAsync"] = (Scoping.ThroughAnotherQuery, "LogbookService.ListAsync"),
        ["AuditViews.ViewingAsync"] = (Scoping.ThroughAnotherQuery, "LogbookService.ListAsync"),
        ["AuthorityAccounts.ListAsync"] = (Scoping.AdministratorsOnly, "authority accounts and their packages, for administrators, who see every site"),
        ["AuthorityAccounts.PackagesAsync"] = (Scoping.OwnRequests, "the packages prepared for the authority account signed in, nothing else"),
        ["ConsoleHub.Cameras"] = (Scoping.ThroughAnotherQuery, "SiteService.ListCamerasAsync"),
        ["EquipmentService.List"] = (Scoping.InMemory, "the supervision's last pass, each device kept by Actor.CanSeeSite; the centre's own (storage, host) are everyone's"),
        ["FaultTicketService.ListAsync"] = (Scoping.SiteScope, "fault tickets; those of the centre's own equipment are shown to all readers"),
        ["MaintenanceService.ListAsync"] = (Scoping.SiteScope, "maintenance windows; those of the centre's own equipment are shown to all readers"),
        ["ManualEquipmentService.ListAsync"] = (Scoping.SiteScope, "declared devices; those without a site are the centre's, shown to all readers"),
    };

    /// <summary>How each list of the register that goes through the scope is run, and the sites of the rows it returns.</summary>
    private static readonly Dictionary<string, Func<World, Actor, Task<IEnumerable<Guid?>>>> Lists = new()
    {
        ["SiteService.ListSitesAsync"] = async (w, actor) => (await w.Host.Service<SiteService>().ListSitesAsync(actor, Ct)).Select(s => (Guid?)s.Id),
        ["SiteService.ListCamerasAsync"] = async (w, actor) => (await w.Host.Service<SiteService>().ListCamerasAsync(actor, null, Ct)).Select(c => (Guid?)c.SiteId),
        ["LogbookService.ListAsync"] = async (w, actor) =>
            (await w.Host.Service<LogbookService>().ListAsync(actor, Journal.MainCourante, new LogbookFilter(), Ct)).Select(e => e.SiteId),
        ["LogbookQueries.ListAsync"] = async (w, actor) =>
        {
            await using var db = w.Host.Service<VigieDbFactory>().CreateDbContext();
            return (await LogbookQueries.ListAsync(db, actor, Journal.MainCourante, new LogbookFilter(), Ct)).Select(e => e.SiteId);
        },
        ["SignalQueries.ListAsync"] = async (w, actor) => (await w.Host.Service<SignalQueries>().ListAsync(actor, null, null, 100, Ct)).Select(s => s.SiteId),
        ["SignalQueries.TransmittersAsync"] = async (w, actor) => (await w.Host.Service<SignalQueries>().TransmittersAsync(actor, Ct)).Select(t => (Guid?)t.SiteId),
        ["AlarmService.ListAsync"] = async (w, actor) => (await w.Host.Service<AlarmService>().ListAsync(actor, open: true, null, null, Ct)).Select(a => a.SiteId),
        ["AccessRequestService.ListAsync"] = async (w, actor) =>
            (await w.Host.Service<Vigie.Server.Features.Privacy.AccessRequestService>().ListAsync(actor, Ct)).Select(r => (Guid?)w.SiteOfCamera[r.CameraIds[0]]),
        ["LegalHoldService.ListAllAsync"] = async (w, actor) =>
            (await w.Host.Service<LegalHoldService>().ListAllAsync(actor with { Role = actor.Role == Role.Operator ? Role.Supervisor : actor.Role }, activeOnly: false, Ct))
                .Select(h => (Guid?)w.SiteOfCamera[h.CameraId]),
        ["FaultTicketService.ListAsync"] = async (w, actor) =>
            (await w.Host.Service<Vigie.Server.Features.Equipment.FaultTicketService>().ListAsync(actor, new(), Ct)).Select(t => t.SiteId),
        ["MaintenanceService.ListAsync"] = async (w, actor) =>
            (await w.Host.Service<Vigie.Server.Features.Equipment.MaintenanceService>().ListAsync(actor, null, Ct)).Select(m => m.SiteId),
        ["ManualEquipmentService.ListAsync"] = async (w, actor) =>
            (await w.Host.Service<Vigie.Server.Features.Equipment.ManualEquipmentService>().ListAsync(actor, Ct)).Select(d => d.SiteId),
        ["WallLayoutService.ListAsync"] = async (w, actor) =>
            (await w.Host.Service<WallLayoutService>().ListAsync(actor, Ct)).SelectMany(l => l.Tiles).OfType<Guid>().Select(c => (Guid?)w.SiteOfCamera[c]),
    };

    /// <summary>How each per-camera list of the register is run on one camera.</summary>
    private static readonly Dictionary<string, Func<World, Actor, Guid, Task>> CameraLists = new()
    {
        ["RecordingIndexService.ListAsync"] = (w, actor, camera) =>
            w.Host.Service<RecordingIndexService>().ListAsync(actor, new CameraId(camera), RecordingWindow.Between(T0, T0.AddHours(1)), Ct),
        ["RecordingIndexService.DaysAsync"] = (w, actor, camera) => w.Host.Service<RecordingIndexService>().DaysAsync(actor, new CameraId(camera), TimeZoneInfo.Utc, Ct),
        ["LegalHoldService.ListAsync"] = (w, actor, camera) => w.Host.Service<LegalHoldService>().ListAsync(actor, new CameraId(camera), Ct),
    };

    private enum Scoping
    {
        /// <summary>Filtered in SQL by <see cref="SiteScope.VisibleTo"/>.</summary>
        SiteScope,

        /// <summary>The rows of one camera, whose site is demanded first (403 for another site's camera).</summary>
        OneCamera,

        /// <summary>The rows of one alarm, whose site is demanded first (403 for another site's alarm).</summary>
        OneAlarm,

        /// <summary>The rows of one site, which is demanded first (403 for another site).</summary>
        OneSite,

        /// <summary>Rows that belong to no site.</summary>
        NoSiteData,

        /// <summary>Only what the person asked for themselves.</summary>
        OwnRequests,

        /// <summary>Refused to anyone but administrators, who see every site.</summary>
        AdministratorsOnly,

        /// <summary>Refused to anyone whose role does not see every site (administrators and auditors do).</summary>
        WholeCentreReaders,

        /// <summary>Runs another query of the register, named in the reason.</summary>
        ThroughAnotherQuery,

        /// <summary>Kept in memory, filtered per row by <see cref="Actor.CanSeeSite"/>; checked by its own test.</summary>
        InMemory,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, DatabaseProvider> ScopedLists => Cases(Scoping.SiteScope);

    public static TheoryData<string, DatabaseProvider> OneCameraLists => Cases(Scoping.OneCamera);

    [Fact]
    public void Every_query_that_lists_data_for_a_person_is_in_the_register_with_a_way_to_keep_to_their_sites()
    {
        var found = new[] { typeof(SiteService).Assembly, typeof(LogbookQueries).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t != typeof(SiteScope))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && IsList(m) && (m.GetParameters().Any(p => p.ParameterType == typeof(Actor)) || typeof(Hub).IsAssignableFrom(t)))
                .Select(m => $"{t.Name}.{m.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Register.Keys.Order(StringComparer.Ordinal), found);
        Assert.Equal(Register.Where(r => r.Value.How == Scoping.SiteScope).Select(r => r.Key).Order(StringComparer.Ordinal), Lists.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Register.Where(r => r.Value.How == Scoping.OneCamera).Select(r => r.Key).Order(StringComparer.Ordinal), CameraLists.Keys.Order(StringComparer.Ordinal));
        Assert.All(Register.Where(r => r.Value.How == Scoping.ThroughAnotherQuery), r => Assert.Equal(Scoping.SiteScope, Register[r.Value.Why].How));
        // The roles that may read the whole-centre lists do see every site.
        Assert.All(Vigie.Domain.Access.RolePermissions.RolesWith(Vigie.Domain.Access.Permission.AuditRead),
            r => Assert.True(new Actor(new Vigie.Domain.PersonId(Guid.NewGuid()), "x", "x", r, new HashSet<Vigie.Domain.SiteId>()).SeesAllSites, $"{r} reads the registers but not every site"));
    }

    [Theory]
    [MemberData(nameof(ScopedLists))]
    public async Task A_person_of_one_site_never_gets_another_sites_rows_and_the_query_goes_through_the_site_scope(string query, DatabaseProvider provider)
    {
        var recorder = new SqlRecorder();
        await using var world = await World.CreateAsync(provider, recorder);

        IEnumerable<Guid?> sites;
        IReadOnlyList<string> sql;
        using (var recording = SqlRecorder.Start())
        {
            sites = (await Lists[query](world, world.Operator)).ToList();
            sql = recording.Commands;
        }

        Assert.Contains(world.A, sites);
        Assert.All(sites, s => Assert.True(s is null || s == world.A, $"{query} returned a row of site {s}"));
        var siteReads = sql.Where(c => SiteTable().IsMatch(c)).ToList();
        Assert.NotEmpty(siteReads);
        Assert.All(siteReads, c => Assert.Contains("-- " + SiteScope.Tag, c, StringComparison.Ordinal));
        Assert.Contains(world.B, (await Lists[query](world, world.Administrator)).ToList());
    }

    [Theory]
    [MemberData(nameof(OneCameraLists))]
    public async Task A_per_camera_list_refuses_another_sites_camera(string query, DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider, new SqlRecorder());

        await CameraLists[query](world, world.Operator, world.CameraA);
        await Assert.ThrowsAsync<AccessDeniedException>(() => CameraLists[query](world, world.Operator, world.CameraB));
        await CameraLists[query](world, world.Administrator, world.CameraB);
    }

    [Theory]
    [InlineData("AlarmService.SignalsAsync")]
    [InlineData("AlarmService.ColleaguesAsync")]
    public async Task A_per_alarm_list_refuses_another_sites_alarm(string query)
    {
        Assert.Equal(Scoping.OneAlarm, Register[query].How);
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite, new SqlRecorder());
        var alarms = world.Host.Service<AlarmService>();
        Func<Actor, long, Task> list = query == "AlarmService.SignalsAsync"
            ? (actor, id) => alarms.SignalsAsync(actor, id, Ct)
            : (actor, id) => alarms.ColleaguesAsync(actor, id, Ct);

        await list(world.Operator, world.AlarmOf[world.A]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => list(world.Operator, world.AlarmOf[world.B]));
        await list(world.Administrator, world.AlarmOf[world.B]);
    }

    [Theory]
    [InlineData("AlarmSetupService.ConsignesAsync")]
    [InlineData("AlarmSetupService.ZonesAsync")]
    public async Task A_per_site_list_refuses_another_site(string query)
    {
        Assert.Equal(Scoping.OneSite, Register[query].How);
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite, new SqlRecorder());
        var setup = world.Host.Service<AlarmSetupService>();
        Func<Actor, Guid, Task> list = query == "AlarmSetupService.ConsignesAsync"
            ? (actor, site) => setup.ConsignesAsync(actor, site, Ct)
            : (actor, site) => setup.ZonesAsync(actor, site, Ct);

        await list(world.Operator, world.A);
        await Assert.ThrowsAsync<AccessDeniedException>(() => list(world.Operator, world.B));
        await list(world.Administrator, world.B);
    }

    [Fact]
    public async Task The_equipment_listed_is_the_persons_sites_and_the_centres_own()
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite, new SqlRecorder());
        await world.Host.Service<Vigie.Server.Features.Equipment.EquipmentSupervisor>().RunOnceAsync(Ct);
        var equipment = world.Host.Service<Vigie.Server.Features.Equipment.EquipmentService>();

        var mine = equipment.List(world.Operator);
        Assert.Contains(mine, d => d.Id == $"camera:{world.CameraA:N}");
        Assert.Contains(mine, d => d.Id == "host");
        Assert.All(mine, d => Assert.True(d.SiteId is null || d.SiteId == world.A, $"{d.Id} of site {d.SiteId}"));
        Assert.Contains(equipment.List(world.Administrator), d => d.Id == $"camera:{world.CameraB:N}");
        Assert.Throws<AccessDeniedException>(() => equipment.Device(world.Operator, $"camera:{world.CameraB:N}"));
        Assert.Throws<AccessDeniedException>(() => equipment.List(world.Operator, new SiteId(world.B)));
    }

    [Fact]
    public async Task The_exports_listed_are_the_persons_own_requests()
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite, new SqlRecorder());
        await world.Host.IndexSegmentAsync(world.CameraA, T0, TimeSpan.FromMinutes(1));
        var colleague = await world.Host.CreatePersonAsync("op2", Role.Operator, [world.SiteA]);
        var exports = world.Host.Service<ExportService>();

        var job = await exports.RequestAsync(world.Operator, new ExportRequest([world.CameraA], T0, T0.AddSeconds(30)), Ct);

        Assert.Equal([job.Id], exports.Mine(world.Operator).Select(j => j.Id));
        Assert.Empty(exports.Mine(new Actor(new PersonId(colleague.Id), "op2", "OP2", Role.Operator, new HashSet<SiteId> { new(world.A) })));
    }

    [Fact]
    public async Task People_and_their_sites_are_listed_to_administrators_only()
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite, new SqlRecorder());
        var people = world.Host.Service<PeopleService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => people.ListAsync(world.Operator, Ct));
        Assert.Equal(["ADMIN", "OP"], (await people.ListAsync(world.Administrator, Ct)).Select(p => p.DisplayName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_whole_centre_registers_refuse_a_person_of_one_site_and_answer_an_administrator()
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite, new SqlRecorder());
        var lists = new Dictionary<string, Func<Actor, Task>>
        {
            ["PurgeLogService.ListAsync"] = actor => world.Host.Service<PurgeLogService>().ListAsync(actor, null, null, Ct),
            ["ExtractionRegister.ListAsync"] = actor => world.Host.Service<Vigie.Server.Features.Evidence.ExtractionRegister>().ListAsync(actor, new(), Ct),
        };
        Assert.Equal(Register.Where(r => r.Value.How == Scoping.WholeCentreReaders).Select(r => r.Key).Order(StringComparer.Ordinal), lists.Keys.Order(StringComparer.Ordinal));

        foreach (var list in lists.Values)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => list(world.Operator));
            await list(world.Administrator);
        }
    }

    [Fact]
    public async Task The_hubs_lists_keep_to_the_persons_sites()
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite, new SqlRecorder());
        var cookies = await world.Host.SessionCookieAsync("op");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(world.Host.BaseAddress, ConsoleHub.Path), options => options.Headers["Cookie"] = cookies)
            .Build();
        await hub.StartAsync(Ct);

        var entries = await hub.InvokeAsync<List<LogbookEntryDto>>("RecentLogbook", (Guid?)null, 100, Ct);
        var cameras = await hub.InvokeAsync<List<CameraDto>>("Cameras", (Guid?)null, Ct);

        Assert.Equal([world.A, null], entries.Select(e => e.SiteId).Distinct().OrderBy(s => s is null));
        Assert.Equal([world.CameraA], cameras.Select(c => c.Id));
    }

    private static TheoryData<string, DatabaseProvider> Cases(Scoping how)
    {
        var cases = new TheoryData<string, DatabaseProvider>();
        foreach (var query in Register.Where(r => r.Value.How == how).Select(r => r.Key).Order(StringComparer.Ordinal))
        {
            cases.Add(query, DatabaseProvider.Sqlite);
            cases.Add(query, DatabaseProvider.Postgres);
        }

        return cases;
    }

    /// <summary>A collection of rows, or a method named List…: what a person is shown as a list.</summary>
    private static bool IsList(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return method.Name.StartsWith("List", StringComparison.Ordinal) || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type));
    }

    /// <summary>A read of a table that holds site rows (SQLite's SQL quotes the table, PostgreSQL's only when it must).</summary>
    [GeneratedRegex("""(FROM|JOIN)\s+"?(sites|cameras|alarm_signals|alarms|transmitter_accounts|logbook_entries|fault_tickets|manual_equipment|maintenance_windows|equipment_state_changes)"?\s""")]
    private static partial Regex SiteTable();

    /// <summary>
    /// Two sites A and B, each with a camera, a transmitter account, an alarm signal (and its alarm) and a main-courante entry; a signal
    /// and an entry without a site; an operator of A and an administrator, each with a wall layout naming both cameras.
    /// </summary>
    private sealed class World : IAsyncDisposable
    {
        private World(TestHost host) => Host = host;

        public TestHost Host { get; }

        public SiteDto SiteA { get; private set; } = null!;

        public Guid A => SiteA.Id;

        public Guid B { get; private set; }

        public Guid CameraA { get; private set; }

        public Guid CameraB { get; private set; }

        public Dictionary<Guid, Guid> SiteOfCamera { get; } = [];

        public Dictionary<Guid, long> AlarmOf { get; } = [];

        public Actor Operator { get; private set; } = null!;

        public Actor Administrator { get; private set; } = null!;

        public static async Task<World> CreateAsync(DatabaseProvider provider, SqlRecorder recorder)
        {
            var host = provider == DatabaseProvider.Sqlite
                ? await TestHost.StartAsync(services: recorder.Attach)
                : await TestHost.StartOnPostgresAsync(recorder.Attach);
            var world = new World(host);
            try
            {
                await world.SeedAsync();
                return world;
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();

        private async Task SeedAsync()
        {
            SiteA = await Host.CreateSiteAsync("Gare");
            var siteB = await Host.CreateSiteAsync("Mairie");
            B = siteB.Id;
            CameraA = (await Host.CreateCameraAsync(SiteA, "quai-1")).Id;
            CameraB = (await Host.CreateCameraAsync(siteB, "hall")).Id;
            SiteOfCamera[CameraA] = A;
            SiteOfCamera[CameraB] = B;
            var op = await Host.CreatePersonAsync("op", Role.Operator, [SiteA]);
            var admin = await Host.CreatePersonAsync("admin", Role.Administrator);
            Operator = new Actor(new PersonId(op.Id), op.UserName, op.DisplayName, Role.Operator, new HashSet<SiteId> { new(A) });
            Administrator = new Actor(new PersonId(admin.Id), admin.UserName, admin.DisplayName, Role.Administrator, new HashSet<SiteId>());

            await using (var db = Host.Service<VigieDbFactory>().CreateDbContext())
            {
                db.TransmitterAccounts.AddRange(new TransmitterAccount("A001", new SiteId(A), null, null, T0), new TransmitterAccount("B001", new SiteId(B), null, null, T0));
                db.AlarmSignals.AddRange(Signal(A), Signal(B), Signal(null));
                // Layouts as saved while their owners saw both sites (the operator's site B was withdrawn since).
                db.WallLayouts.AddRange(
                    new WallLayout(Operator.Id, "Mur", 2, [CameraA, CameraB, Guid.Empty, Guid.Empty], T0),
                    new WallLayout(Administrator.Id, "Mur", 2, [CameraA, CameraB, Guid.Empty, Guid.Empty], T0));
                db.LegalHolds.AddRange(
                    new Vigie.Domain.Recordings.LegalHold(new CameraId(CameraA), T0, T0.AddHours(1), "Vol", "PV 1", "chef", T0),
                    new Vigie.Domain.Recordings.LegalHold(new CameraId(CameraB), T0, T0.AddHours(1), "Vol", "PV 2", "chef", T0));
                db.AccessRequests.AddRange(
                    new Vigie.Domain.Privacy.AccessRequest("A", "a@example.org", new DateOnly(2026, 11, 29), [(CameraA, "quai-1")], T0, T0.AddHours(1), "", "op", T0),
                    new Vigie.Domain.Privacy.AccessRequest("B", "b@example.org", new DateOnly(2026, 11, 29), [(CameraB, "hall")], T0, T0.AddHours(1), "", "op", T0));
                foreach (var site in new Guid?[] { A, B, null })
                {
                    var siteId = site is { } s ? new SiteId(s) : (SiteId?)null;
                    var device = $"other:{site}";
                    db.FaultTickets.Add(new Vigie.Domain.Equipment.FaultTicket(device, "Onduleur", Vigie.Domain.Equipment.EquipmentKind.Other, siteId, "other.fault", "Sur batterie", null, "op", T0));
                    db.ManualDevices.Add(new Vigie.Domain.Equipment.ManualEquipment("Onduleur", "Onduleur", siteId, null, T0, out _));
                    db.MaintenanceWindows.Add(new Vigie.Domain.Equipment.MaintenanceWindow(device, "Onduleur", siteId, T0, T0.AddDays(1), "Révision", "chef", T0));
                }

                await db.SaveChangesAsync(Ct);
            }

            // Each signal opens an alarm of its site (or of none).
            foreach (var alarm in await Host.Service<AlarmOpener>().CatchUpAsync(Ct))
            {
                if (alarm.SiteId is { } site)
                {
                    AlarmOf[site] = alarm.Id;
                }
            }

            var writer = Host.Service<LogbookWriter>();
            foreach (var site in new Guid?[] { A, B, null })
            {
                await writer.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Information, "Ronde", site is { } s ? new SiteId(s) : null, PersonId.New(), "Camille Martin"), Ct);
            }
        }

        private static AlarmSignal Signal(Guid? site) =>
            new("dc09", T0, site is { } s ? new SiteId(s) : null, site is null ? "FFFF" : "A001", "BA", AlarmCategory.Intrusion, false, 2, "Intrusion", "Burglary", "raw")
            {
                UnknownAccount = site is null,
            };
    }
}
