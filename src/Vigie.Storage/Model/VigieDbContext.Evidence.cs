using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Evidence;

namespace Vigie.Storage.Model;

/// <summary>The mapping of the extraction register.</summary>
public abstract partial class VigieDbContext
{
    public DbSet<Extraction> Extractions => Set<Extraction>();

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
    }
}
