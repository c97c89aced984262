using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Cameras;
using Vigie.Domain.Evidence;
using Vigie.Domain.Privacy;

namespace Vigie.Storage.Model;

/// <summary>The mapping of the extraction register and the privacy masks.</summary>
public abstract partial class VigieDbContext
{
    public DbSet<Extraction> Extractions => Set<Extraction>();

    public DbSet<AuthorityGrant> AuthorityGrants => Set<AuthorityGrant>();

    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();

    public DbSet<PrivacyMask> PrivacyMasks => Set<PrivacyMask>();

    public DbSet<MaskLift> MaskLifts => Set<MaskLift>();

    private static void ConfigureEvidence(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Extraction>(extraction =>
        {
            extraction.ToTable("extractions");
            extraction.HasKey(e => e.Id);
            extraction.Property(e => e.Id).ValueGeneratedOnAdd();
            extraction.HasIndex(e => e.ExportId).IsUnique();
            extraction.HasIndex(e => e.RequestedAt);
            extraction.Property(e => e.RequestedByName).HasMaxLength(200);
            extraction.Property(e => e.CameraIds).HasMaxLength(200);
            extraction.Property(e => e.CameraNames).HasMaxLength(1000);
            extraction.Property(e => e.Reason).HasMaxLength(Extraction.MaxTextLength);
            extraction.Property(e => e.Authority).HasMaxLength(200);
            extraction.Property(e => e.Requisition).HasMaxLength(200);
            extraction.Property(e => e.Officer).HasMaxLength(200);
            extraction.Property(e => e.ManifestSha256).HasMaxLength(64);
            extraction.Property(e => e.Failure).HasMaxLength(Extraction.MaxTextLength);
        });

        modelBuilder.Entity<AuthorityGrant>(grant =>
        {
            grant.ToTable("authority_grants");
            grant.HasKey(g => new { g.PersonId, g.RegisterNumber });
            grant.Property(g => g.GrantedBy).HasMaxLength(200);
            grant.HasOne<Domain.People.Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Cascade);
            grant.HasOne<Extraction>().WithMany().HasForeignKey(g => g.RegisterNumber).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AccessRequest>(request =>
        {
            request.ToTable("access_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Id).ValueGeneratedOnAdd();
            request.Property(r => r.Requester).HasMaxLength(200);
            request.Property(r => r.Contact).HasMaxLength(200);
            request.Property(r => r.CameraIds).HasMaxLength(1000);
            request.Property(r => r.CameraNames).HasMaxLength(1000);
            request.Property(r => r.Description).HasMaxLength(AccessRequest.MaxTextLength);
            request.Property(r => r.RecordedBy).HasMaxLength(200);
            request.Property(r => r.Answer).HasMaxLength(200);
            request.Property(r => r.ClosedBy).HasMaxLength(200);
            request.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            request.HasIndex(r => r.Deadline);
            request.Ignore(r => r.Cameras);
        });

        modelBuilder.Entity<PrivacyMask>(mask =>
        {
            mask.ToTable("privacy_masks");
            mask.HasKey(m => m.CameraId);
            mask.Property(m => m.Shape).HasMaxLength(PrivacyMask.MaxPolygons * PrivacyMask.MaxPoints * 20);
            mask.Property(m => m.UpdatedBy).HasMaxLength(200);
            mask.HasOne<Camera>().WithOne().HasForeignKey<PrivacyMask>(m => m.CameraId).OnDelete(DeleteBehavior.Cascade);
            mask.Ignore(m => m.Polygons);
            mask.Ignore(m => m.IsEmpty);
        });

        modelBuilder.Entity<MaskLift>(lift =>
        {
            lift.ToTable("mask_lifts");
            lift.HasKey(l => l.Id);
            lift.Property(l => l.PersonName).HasMaxLength(200);
            lift.Property(l => l.Reason).HasMaxLength(200);
            lift.HasIndex(l => new { l.CameraId, l.Until });
            lift.HasOne<Camera>().WithMany().HasForeignKey(l => l.CameraId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
