using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Cameras;
using Vigie.Domain.People;

namespace Vigie.Storage.Model;

/// <summary>The mapping of video analytics: each camera's settings and the motion ranges it saw.</summary>
public abstract partial class VigieDbContext
{
    private static void ConfigureAnalytics(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CameraAnalytics>(analytics =>
        {
            analytics.ToTable("camera_analytics");
            analytics.HasKey(a => a.CameraId);
            analytics.Property(a => a.Rules).HasMaxLength(Domain.Cameras.CameraAnalytics.MaxRulesLength);
            analytics.HasOne<Camera>().WithOne().HasForeignKey<CameraAnalytics>(a => a.CameraId).OnDelete(DeleteBehavior.Cascade);
            analytics.HasOne<Person>().WithMany().HasForeignKey(a => a.ChangedBy).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<MotionRange>(motion =>
        {
            motion.ToTable("motion_ranges");
            motion.HasKey(m => m.Id);
            motion.Property(m => m.Id).ValueGeneratedOnAdd();
            motion.HasOne<Camera>().WithMany().HasForeignKey(m => m.CameraId).OnDelete(DeleteBehavior.Cascade);
            motion.HasIndex(m => new { m.CameraId, m.StartsAt });
        });
    }
}
