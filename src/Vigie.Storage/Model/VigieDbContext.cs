using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Domain.Recordings;
using Vigie.Domain.Sites;
using Vigie.Storage.Alarms;

namespace Vigie.Storage.Model;

/// <summary>
/// Vigie's database. Abstract: each provider has its own subclass so that SQLite and PostgreSQL keep
/// separate migrations (their DDL and triggers differ) over one model.
/// </summary>
public abstract partial class VigieDbContext : DbContext
{
    protected VigieDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Camera> Cameras => Set<Camera>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<LogbookEntry> LogbookEntries => Set<LogbookEntry>();

    public DbSet<LogbookAttachment> LogbookAttachments => Set<LogbookAttachment>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<SignInSession> Sessions => Set<SignInSession>();

    public DbSet<RecordingSegment> RecordingSegments => Set<RecordingSegment>();

    public DbSet<RecordingGap> RecordingGaps => Set<RecordingGap>();

    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();

    public DbSet<WallLayout> WallLayouts => Set<WallLayout>();

    public DbSet<CameraAnalytics> CameraAnalytics => Set<CameraAnalytics>();

    public DbSet<MotionRange> MotionRanges => Set<MotionRange>();

    public DbSet<PurgeRecord> PurgeLog => Set<PurgeRecord>();

    public DbSet<TransmitterAccount> TransmitterAccounts => Set<TransmitterAccount>();

    public DbSet<AlarmSignal> AlarmSignals => Set<AlarmSignal>();

    public DbSet<IntakeSource> IntakeSources => Set<IntakeSource>();

    public DbSet<Alarm> Alarms => Set<Alarm>();

    public DbSet<AlarmSignalLink> AlarmSignalLinks => Set<AlarmSignalLink>();

    public DbSet<AlarmIntakeCursor> AlarmIntakeCursor => Set<AlarmIntakeCursor>();

    public DbSet<AlarmEvidence> AlarmEvidence => Set<AlarmEvidence>();

    public DbSet<AuthorityCall> AuthorityCalls => Set<AuthorityCall>();

    public DbSet<ContactCall> ContactCalls => Set<ContactCall>();

    public DbSet<AlarmStep> AlarmSteps => Set<AlarmStep>();

    public DbSet<SiteProcedure> SiteProcedures => Set<SiteProcedure>();

    public DbSet<ZoneCamera> ZoneCameras => Set<ZoneCamera>();

    public DbSet<PatrolAgent> PatrolAgents => Set<PatrolAgent>();

    public DbSet<PatrolDispatch> PatrolDispatches => Set<PatrolDispatch>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentTask> IncidentTasks => Set<IncidentTask>();

    public DbSet<CrisisChecklist> CrisisChecklists => Set<CrisisChecklist>();

    public DbSet<Handover> Handovers => Set<Handover>();

    public const string AlarmSignalsTable = "alarm_signals";

    public const string LogbookTable = "logbook_entries";

    /// <summary>The longest raw message kept with a signal: a webhook or MQTT body is capped at this many bytes.</summary>
    public const int MaxRawLength = 64 * 1024;

    /// <summary>
    /// The source of DC-09 signals (Vigie.Alarms' <c>Dc09Receiver.Source</c>). Their message keys are not
    /// indexed: the receiver remembers them in memory, and an index on a 40-character key cost every insert of
    /// the busiest intake a B-tree update that no query used.
    /// </summary>
    public const string Dc09Source = "dc09";

    /// <summary>The filter of the message-key index (webhook and MQTT <c>event_id</c>s only); a query must repeat it to use the index.</summary>
    public const string MessageKeyIndexFilter = "\"Source\" <> '" + Dc09Source + "'";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<SiteId>().HaveConversion<SiteIdConverter>();
        configurationBuilder.Properties<CameraId>().HaveConversion<CameraIdConverter>();
        configurationBuilder.Properties<PersonId>().HaveConversion<PersonIdConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(200);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Site>(site =>
        {
            site.ToTable("sites");
            site.HasKey(s => s.Id);
            site.Property(s => s.AuthorisationPerimeter).HasMaxLength(2000);
            site.Property(s => s.Address).HasMaxLength(500);
            site.Property(s => s.Notes).HasMaxLength(Site.MaxNotesLength);
            site.HasIndex(s => s.Name).IsUnique();
            site.OwnsMany(s => s.Contacts, contact =>
            {
                contact.ToTable("site_contacts");
                contact.WithOwner().HasForeignKey("SiteId");
                contact.HasKey(c => c.Id);
                contact.Property(c => c.Id).ValueGeneratedOnAdd();
            });
            site.Navigation(s => s.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<Camera>(camera =>
        {
            camera.ToTable("cameras");
            camera.HasKey(c => c.Id);
            camera.Property(c => c.MainStreamUrl).HasMaxLength(1000);
            camera.Property(c => c.SubStreamUrl).HasMaxLength(1000);
            camera.Property(c => c.ProtectedPassword).HasMaxLength(2000);
            camera.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
            camera.HasIndex(c => new { c.SiteId, c.Name }).IsUnique();
            camera.ComplexProperty(c => c.Profile, profile =>
            {
                profile.Property(p => p.Reboot).HasConversion<string>().HasMaxLength(16);
                profile.Property(p => p.RebootUrl).HasMaxLength(500);
            });
        });

        modelBuilder.Entity<Person>(person =>
        {
            person.ToTable("people");
            person.HasKey(p => p.Id);
            person.HasIndex(p => p.UserName).IsUnique();
            person.Property(p => p.Role).HasConversion<string>().HasMaxLength(32);
            person.Property(p => p.PasswordHash).HasMaxLength(500);
            person.Ignore(p => p.SiteIds);
            person.HasMany(p => p.Sites).WithOne().HasForeignKey(ps => ps.PersonId).OnDelete(DeleteBehavior.Cascade);
            person.Navigation(p => p.Sites).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        });

        modelBuilder.Entity<PersonSite>(ps =>
        {
            ps.ToTable("person_sites");
            ps.HasKey(x => new { x.PersonId, x.SiteId });
            ps.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LogbookEntry>(entry =>
        {
            entry.ToTable(LogbookTable);
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedOnAdd();
            entry.Property(e => e.Journal).HasConversion<int>();
            entry.Property(e => e.Text).HasMaxLength(LogbookDraft.MaxTextLength);
            entry.Property(e => e.References).HasMaxLength(LogbookDraft.MaxReferencesLength);
            entry.Property(e => e.Category).HasMaxLength(64);
            entry.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
            entry.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
            entry.HasIndex(e => new { e.Journal, e.Sequence }).IsUnique();
            entry.HasIndex(e => new { e.Journal, e.SiteId, e.RecordedAt });
            entry.HasIndex(e => new { e.Journal, e.RecordedAt });
            entry.HasIndex(e => e.CorrectsId);
        });

        modelBuilder.Entity<LogbookAttachment>(attachment =>
        {
            attachment.ToTable("logbook_attachments");
            attachment.HasKey(a => a.Sha256);
            attachment.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
            attachment.Property(a => a.ContentType).HasMaxLength(100);
            attachment.Property(a => a.Content).HasMaxLength(LogbookAttachment.MaxBytes);
            attachment.Ignore(a => a.IsIntact);
        });

        ConfigureRecordings(modelBuilder);
        ConfigureAlarms(modelBuilder);

        modelBuilder.Entity<SignInSession>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).ValueGeneratedNever();
            session.Property(s => s.Address).HasMaxLength(64);
            session.HasIndex(s => new { s.PersonId, s.EndedAt });
            session.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SetupToken>(token =>
        {
            token.ToTable("setup_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.SecretHash).HasMaxLength(64);
            token.HasIndex(t => t.SecretHash).IsUnique();
            // Two redemptions of one link race on UsedAt: the second UPDATE matches no row and fails.
            token.Property(t => t.UsedAt).IsConcurrencyToken();
        });
    }

    private static void ConfigureAlarms(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TransmitterAccount>(account =>
        {
            account.ToTable("transmitter_accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Account).HasMaxLength(16);
            account.Property(a => a.ProtectedKey).HasMaxLength(2000);
            account.HasIndex(a => a.Account).IsUnique();
            account.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AlarmSignal>(signal =>
        {
            signal.ToTable(AlarmSignalsTable);
            signal.HasKey(s => s.Id);
            signal.Property(s => s.Id).ValueGeneratedOnAdd();
            signal.Property(s => s.Source).HasMaxLength(100);
            signal.Property(s => s.Account).HasMaxLength(16);
            signal.Property(s => s.Code).HasMaxLength(16);
            signal.Property(s => s.Category).HasConversion<string>().HasMaxLength(32);
            signal.Property(s => s.French).HasMaxLength(500);
            signal.Property(s => s.English).HasMaxLength(500);
            signal.Property(s => s.Raw).HasMaxLength(MaxRawLength);
            signal.Property(s => s.VerificationUrl).HasMaxLength(2000);
            signal.Property(s => s.ExtendedData).HasMaxLength(2000);
            signal.Property(s => s.MessageKey).HasMaxLength(500);
            signal.Property(s => s.Zone).HasMaxLength(16);
            signal.Property(s => s.User).HasMaxLength(16);
            signal.Property(s => s.Area).HasMaxLength(16);
            signal.Property(s => s.Remote).HasMaxLength(64);
            signal.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
            signal.HasIndex(s => new { s.SiteId, s.ReceivedAt });
            signal.HasIndex(s => s.ReceivedAt);
            signal.HasIndex(s => s.MessageKey).HasFilter(MessageKeyIndexFilter);
        });

        modelBuilder.Entity<Alarm>(alarm =>
        {
            alarm.ToTable("alarms");
            alarm.HasKey(a => a.Id);
            alarm.Property(a => a.Id).ValueGeneratedOnAdd();
            alarm.Property(a => a.Category).HasConversion<string>().HasMaxLength(32);
            alarm.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
            alarm.Property(a => a.Verdict).HasConversion<string>().HasMaxLength(32);
            alarm.Property(a => a.Cause).HasConversion<string>().HasMaxLength(32);
            alarm.Property(a => a.Zone).HasMaxLength(16);
            alarm.Property(a => a.Account).HasMaxLength(16);
            alarm.Property(a => a.Title).HasMaxLength(500);
            alarm.Property(a => a.VerificationUrl).HasMaxLength(2000);
            alarm.Property(a => a.PriorityReason).HasMaxLength(500);
            alarm.Property(a => a.ParkReason).HasMaxLength(500);
            alarm.Property(a => a.Summary).HasMaxLength(Alarm.MaxSummaryLength);
            alarm.Ignore(a => a.IsOpen);
            alarm.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
            alarm.HasOne<AlarmSignal>().WithMany().HasForeignKey(a => a.FirstSignalId).OnDelete(DeleteBehavior.Restrict);
            // The queue (open alarms of some sites) and the history (closed ones, newest first).
            alarm.HasIndex(a => new { a.State, a.SiteId });
            alarm.HasIndex(a => new { a.SiteId, a.OpenedAt });
            alarm.HasIndex(a => a.ClosedAt);
            alarm.HasIndex(a => a.IncidentId);
            alarm.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<AlarmSignalLink>(link =>
        {
            link.ToTable("alarm_signal_links");
            link.HasKey(l => new { l.AlarmId, l.SignalId });
            link.HasIndex(l => l.SignalId);
            link.HasOne<Alarm>().WithMany().HasForeignKey(l => l.AlarmId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne<AlarmSignal>().WithMany().HasForeignKey(l => l.SignalId).OnDelete(DeleteBehavior.Restrict);
        });

        ConfigureAlarmHandling(modelBuilder);

        modelBuilder.Entity<AlarmIntakeCursor>(cursor =>
        {
            cursor.ToTable("alarm_intake_cursor");
            cursor.HasKey(c => c.Id);
            cursor.Property(c => c.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<IntakeSource>(source =>
        {
            source.ToTable("intake_sources");
            source.HasKey(s => s.Id);
            source.Property(s => s.Name).HasMaxLength(IntakeSource.MaxNameLength);
            source.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            source.Property(s => s.TokenHash).HasMaxLength(64).IsFixedLength();
            source.Property(s => s.BrokerHost).HasMaxLength(253);
            source.Property(s => s.ProtectedPassword).HasMaxLength(2000);
            source.HasIndex(s => s.Name).IsUnique();
            source.HasOne<Site>().WithMany().HasForeignKey(s => s.DefaultSiteId).OnDelete(DeleteBehavior.Restrict);
            source.HasMany(s => s.OtherSites).WithOne().HasForeignKey(s => s.SourceId).OnDelete(DeleteBehavior.Cascade);
            source.Navigation(s => s.OtherSites).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
            source.Ignore(s => s.SignalSource);
        });

        modelBuilder.Entity<IntakeSourceSite>(site =>
        {
            site.ToTable("intake_source_sites");
            site.HasKey(s => new { s.SourceId, s.SiteId });
            site.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void ConfigureRecordings(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RecordingSegment>(segment =>
        {
            segment.ToTable("recording_segments");
            segment.HasKey(s => s.Id);
            segment.Property(s => s.Id).ValueGeneratedOnAdd();
            segment.Property(s => s.Path).HasMaxLength(500);
            segment.Property(s => s.Codec).HasMaxLength(16);
            segment.Property(s => s.State).HasConversion<int>();
            segment.HasOne<Camera>().WithMany().HasForeignKey(s => s.CameraId).OnDelete(DeleteBehavior.Restrict);
            segment.HasIndex(s => new { s.CameraId, s.StartsAt });
            segment.HasIndex(s => s.Path).IsUnique();
            segment.Ignore(s => s.Duration);
        });

        modelBuilder.Entity<RecordingGap>(gap =>
        {
            gap.ToTable("recording_gaps");
            gap.HasKey(g => g.Id);
            gap.Property(g => g.Id).ValueGeneratedOnAdd();
            gap.HasOne<Camera>().WithMany().HasForeignKey(g => g.CameraId).OnDelete(DeleteBehavior.Restrict);
            gap.HasIndex(g => new { g.CameraId, g.StartsAt });
        });

        modelBuilder.Entity<LegalHold>(hold =>
        {
            hold.ToTable("legal_holds");
            hold.HasKey(h => h.Id);
            hold.Property(h => h.Reason).HasMaxLength(2000);
            hold.Property(h => h.ProcedureNumber).HasMaxLength(100);
            hold.HasOne<Camera>().WithMany().HasForeignKey(h => h.CameraId).OnDelete(DeleteBehavior.Restrict);
            hold.HasIndex(h => new { h.CameraId, h.From });
            hold.Ignore(h => h.IsActive);
        });

        modelBuilder.Entity<WallLayout>(layout =>
        {
            layout.ToTable("wall_layouts");
            layout.HasKey(l => l.Id);
            layout.Property(l => l.Name).HasMaxLength(200);
            // 16 tiles of 36 characters and their commas.
            layout.Property(l => l.Tiles).HasMaxLength(600);
            layout.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
            layout.HasIndex(l => new { l.PersonId, l.Name }).IsUnique();
            layout.Ignore(l => l.TileCameras);
        });

        ConfigureAnalytics(modelBuilder);
        ConfigureEvidence(modelBuilder);
        ConfigureEquipment(modelBuilder);

        modelBuilder.Entity<PurgeRecord>(purge =>
        {
            purge.ToTable("purge_log");
            purge.HasKey(p => p.Id);
            purge.Property(p => p.Id).ValueGeneratedOnAdd();
            purge.Property(p => p.Path).HasMaxLength(500);
            purge.Property(p => p.Reason).HasConversion<string>().HasMaxLength(32);
            purge.HasIndex(p => new { p.CameraId, p.PurgedAt });
        });
    }
}
