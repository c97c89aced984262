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

/// <summary>The mapping of alarm handling: evidence, calls, steps, consignes, zones, patrols, incidents, handovers.</summary>
public abstract partial class VigieDbContext
{
    private static void ConfigureAlarmHandling(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AlarmEvidence>(evidence =>
        {
            evidence.ToTable("alarm_evidence");
            evidence.HasKey(e => e.Id);
            evidence.Property(e => e.Id).ValueGeneratedOnAdd();
            evidence.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
            evidence.Property(e => e.AttachmentSha256).HasMaxLength(64).IsFixedLength();
            evidence.HasOne<Alarm>().WithMany().HasForeignKey(e => e.AlarmId).OnDelete(DeleteBehavior.Cascade);
            evidence.HasIndex(e => e.AlarmId);
        });

        modelBuilder.Entity<AuthorityCall>(call =>
        {
            call.ToTable("alarm_authority_calls");
            call.HasKey(c => c.Id);
            call.Property(c => c.Id).ValueGeneratedOnAdd();
            call.Property(c => c.Service).HasConversion<string>().HasMaxLength(32);
            call.Property(c => c.Note).HasMaxLength(2000);
            call.Property(c => c.Reason).HasMaxLength(500);
            call.HasOne<Alarm>().WithMany().HasForeignKey(c => c.AlarmId).OnDelete(DeleteBehavior.Cascade);
            call.HasIndex(c => c.AlarmId);
        });

        modelBuilder.Entity<ContactCall>(call =>
        {
            call.ToTable("alarm_contact_calls");
            call.HasKey(c => c.Id);
            call.Property(c => c.Id).ValueGeneratedOnAdd();
            call.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(32);
            call.Property(c => c.Note).HasMaxLength(1000);
            call.Ignore(c => c.Reached);
            call.HasOne<Alarm>().WithMany().HasForeignKey(c => c.AlarmId).OnDelete(DeleteBehavior.Cascade);
            call.HasIndex(c => c.AlarmId);
        });

        modelBuilder.Entity<AlarmStep>(step =>
        {
            step.ToTable("alarm_steps");
            step.HasKey(s => s.Id);
            step.Property(s => s.Id).ValueGeneratedOnAdd();
            step.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
            step.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            step.Property(s => s.Note).HasMaxLength(1000);
            step.HasOne<Alarm>().WithMany().HasForeignKey(s => s.AlarmId).OnDelete(DeleteBehavior.Cascade);
            step.HasIndex(s => new { s.AlarmId, s.Order }).IsUnique();
        });

        modelBuilder.Entity<SiteProcedure>(procedure =>
        {
            procedure.ToTable("site_procedures");
            procedure.HasKey(p => p.Id);
            procedure.Property(p => p.Id).ValueGeneratedOnAdd();
            procedure.Property(p => p.Category).HasConversion<string>().HasMaxLength(32);
            procedure.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Cascade);
            procedure.HasIndex(p => new { p.SiteId, p.Category }).IsUnique();
            // The ordered steps as one JSON text: they are always read and replaced together.
            procedure.Property<List<ProcedureStep>>("_steps")
                .HasColumnName("Steps")
                .HasMaxLength(20_000)
                .HasConversion(
                    steps => System.Text.Json.JsonSerializer.Serialize(steps, (System.Text.Json.JsonSerializerOptions?)null),
                    json => System.Text.Json.JsonSerializer.Deserialize<List<ProcedureStep>>(json, (System.Text.Json.JsonSerializerOptions?)null) ?? new List<ProcedureStep>(),
                    new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<ProcedureStep>>(
                        (a, b) => a!.SequenceEqual(b!), steps => steps.Aggregate(0, (h, s) => HashCode.Combine(h, s)), steps => steps.ToList()));
            procedure.Ignore(p => p.Steps);
        });

        modelBuilder.Entity<PatrolAgent>(agent =>
        {
            agent.ToTable("patrol_agents");
            agent.HasKey(a => a.Id);
            agent.Property(a => a.Id).ValueGeneratedNever();
            agent.Property(a => a.Phone).HasMaxLength(64);
        });

        modelBuilder.Entity<PatrolDispatch>(dispatch =>
        {
            dispatch.ToTable("patrol_dispatches");
            dispatch.HasKey(d => d.Id);
            dispatch.Property(d => d.Id).ValueGeneratedOnAdd();
            dispatch.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            dispatch.Property(d => d.AgentPhone).HasMaxLength(64);
            dispatch.Property(d => d.Report).HasMaxLength(PatrolDispatch.MaxReportLength);
            dispatch.Property(d => d.TokenHash).HasMaxLength(64).IsFixedLength();
            dispatch.Ignore(d => d.LinkUsable);
            dispatch.HasIndex(d => d.TokenHash).IsUnique();
            dispatch.HasIndex(d => d.AlarmId);
            dispatch.HasOne<Alarm>().WithMany().HasForeignKey(d => d.AlarmId).OnDelete(DeleteBehavior.Cascade);
            dispatch.HasOne<PatrolAgent>().WithMany().HasForeignKey(d => d.AgentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Incident>(incident =>
        {
            incident.ToTable("incidents");
            incident.HasKey(i => i.Id);
            incident.Property(i => i.Id).ValueGeneratedOnAdd();
            incident.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
            incident.Property(i => i.Summary).HasMaxLength(Incident.MaxSummaryLength);
            incident.Ignore(i => i.IsOpen);
            incident.HasIndex(i => i.ClosedAt);
        });

        modelBuilder.Entity<IncidentTask>(task =>
        {
            task.ToTable("incident_tasks");
            task.HasKey(t => t.Id);
            task.Property(t => t.Id).ValueGeneratedOnAdd();
            task.HasOne<Incident>().WithMany().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
            task.HasIndex(t => new { t.IncidentId, t.Order }).IsUnique();
        });

        modelBuilder.Entity<CrisisChecklist>(checklist =>
        {
            checklist.ToTable("crisis_checklists");
            checklist.HasKey(c => c.Kind);
            checklist.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
            checklist.Property<List<string>>("_items")
                .HasColumnName("Items")
                .HasMaxLength(20_000)
                .HasConversion(
                    items => System.Text.Json.JsonSerializer.Serialize(items, (System.Text.Json.JsonSerializerOptions?)null),
                    json => System.Text.Json.JsonSerializer.Deserialize<List<string>>(json, (System.Text.Json.JsonSerializerOptions?)null) ?? new List<string>(),
                    new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<string>>(
                        (a, b) => a!.SequenceEqual(b!), items => items.Aggregate(0, (h, s) => HashCode.Combine(h, s)), items => items.ToList()));
            checklist.Ignore(c => c.Items);
        });

        modelBuilder.Entity<Handover>(handover =>
        {
            handover.ToTable("handovers");
            handover.HasKey(h => h.Id);
            handover.Property(h => h.Id).ValueGeneratedOnAdd();
            handover.Property(h => h.Summary).HasMaxLength(Handover.MaxTextLength);
            handover.Property(h => h.Notes).HasMaxLength(Handover.MaxTextLength);
            handover.HasIndex(h => h.At);
        });

        modelBuilder.Entity<ZoneCamera>(zone =>
        {
            zone.ToTable("site_zone_cameras");
            zone.HasKey(z => new { z.SiteId, z.Zone, z.CameraId });
            zone.Property(z => z.Zone).HasMaxLength(ZoneCamera.MaxZoneLength);
            zone.HasOne<Site>().WithMany().HasForeignKey(z => z.SiteId).OnDelete(DeleteBehavior.Cascade);
            zone.HasOne<Camera>().WithMany().HasForeignKey(z => z.CameraId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
