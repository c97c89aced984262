using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Equipment;

namespace Vigie.Storage.Model;

/// <summary>The mapping of equipment supervision: state history, raised faults, declared devices, maintenance, fault tickets.</summary>
public abstract partial class VigieDbContext
{
    public DbSet<EquipmentStateChange> EquipmentStateChanges => Set<EquipmentStateChange>();

    public DbSet<EquipmentAlarm> EquipmentAlarms => Set<EquipmentAlarm>();

    public DbSet<ManualEquipment> ManualDevices => Set<ManualEquipment>();

    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();

    public DbSet<FaultTicket> FaultTickets => Set<FaultTicket>();

    public DbSet<FaultTicketStep> FaultTicketSteps => Set<FaultTicketStep>();

    private static void ConfigureEquipment(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EquipmentStateChange>(change =>
        {
            change.ToTable("equipment_state_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).ValueGeneratedOnAdd();
            change.Property(c => c.Device).HasMaxLength(DeviceKeys.MaxLength);
            change.Property(c => c.Name).HasMaxLength(200);
            change.Property(c => c.Detail).HasMaxLength(EquipmentStateChange.MaxDetailLength);
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            change.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            change.HasIndex(c => new { c.Device, c.At });
            change.HasIndex(c => c.At);
        });

        modelBuilder.Entity<EquipmentAlarm>(alarm =>
        {
            alarm.ToTable("equipment_alarms");
            alarm.HasKey(a => new { a.Device, a.Code });
            alarm.Property(a => a.Device).HasMaxLength(DeviceKeys.MaxLength);
            alarm.Property(a => a.Code).HasMaxLength(64);
        });

        modelBuilder.Entity<ManualEquipment>(device =>
        {
            device.ToTable("manual_equipment");
            device.HasKey(d => d.Id);
            device.Property(d => d.Id).ValueGeneratedOnAdd();
            device.Property(d => d.Name).HasMaxLength(200);
            device.Property(d => d.Category).HasMaxLength(200);
            device.Property(d => d.Detail).HasMaxLength(ManualEquipment.MaxDetailLength);
            device.Property(d => d.ReportedBy).HasMaxLength(200);
            device.Property(d => d.TokenHash).HasMaxLength(64);
            device.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            device.HasOne<Domain.Sites.Site>().WithMany().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<MaintenanceWindow>(window =>
        {
            window.ToTable("maintenance_windows");
            window.HasKey(w => w.Id);
            window.Property(w => w.Id).ValueGeneratedOnAdd();
            window.Property(w => w.Device).HasMaxLength(DeviceKeys.MaxLength);
            window.Property(w => w.DeviceName).HasMaxLength(200);
            window.Property(w => w.Reason).HasMaxLength(200);
            window.Property(w => w.PlannedBy).HasMaxLength(200);
            window.Property(w => w.EndedBy).HasMaxLength(200);
            window.HasIndex(w => new { w.Device, w.Until });
            window.HasIndex(w => w.Until);
        });

        modelBuilder.Entity<FaultTicket>(ticket =>
        {
            ticket.ToTable("fault_tickets");
            ticket.HasKey(t => t.Id);
            ticket.Property(t => t.Id).ValueGeneratedOnAdd();
            ticket.Property(t => t.Device).HasMaxLength(DeviceKeys.MaxLength);
            ticket.Property(t => t.DeviceName).HasMaxLength(200);
            ticket.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.FaultCode).HasMaxLength(64);
            ticket.Property(t => t.Title).HasMaxLength(FaultTicket.MaxTextLength);
            ticket.Property(t => t.OpenedBy).HasMaxLength(200);
            ticket.Property(t => t.Assignee).HasMaxLength(FaultTicket.MaxTextLength);
            ticket.Property(t => t.ClosedBy).HasMaxLength(200);
            ticket.Property(t => t.Fix).HasMaxLength(FaultTicket.MaxTextLength);
            ticket.HasIndex(t => new { t.Device, t.OpenedAt });
            ticket.HasIndex(t => t.OpenedAt);
            ticket.Ignore(t => t.IsOpen);
        });

        modelBuilder.Entity<FaultTicketStep>(step =>
        {
            step.ToTable("fault_ticket_steps");
            step.HasKey(s => s.Id);
            step.Property(s => s.Id).ValueGeneratedOnAdd();
            step.Property(s => s.Step).HasMaxLength(32);
            step.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(16);
            step.Property(s => s.Note).HasMaxLength(FaultTicket.MaxTextLength);
            step.Property(s => s.Result).HasMaxLength(FaultTicket.MaxTextLength);
            step.Property(s => s.By).HasMaxLength(200);
            step.HasIndex(s => s.TicketId);
            step.HasOne<FaultTicket>().WithMany().HasForeignKey(s => s.TicketId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
