using Vigie.Server.Features.Evidence;
using Vigie.Testing;

namespace Vigie.Server.Tests.Export;

/// <summary>The extraction report and the register as PDF, read back by Poppler (pdftotext, pdfimages).</summary>
public sealed class ExtractionReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_report_says_who_asked_why_which_files_with_their_hashes_and_shows_a_thumbnail()
    {
        var folder = Directory.CreateTempSubdirectory("vigie-report-").FullName;
        try
        {
            // As the evidence step makes it: an H.264 clip's first picture, 480 pixels wide, as PNG.
            var clip = Path.Combine(folder, "clip.mp4");
            var thumbnail = Path.Combine(folder, "thumb.png");
            var made = await VigieProcess.RunToolAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360", "-frames:v", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip);
            Assert.True(made.ExitCode == 0, made.All);
            made = await VigieProcess.RunToolAsync("ffmpeg", "-v", "error", "-i", clip, "-frames:v", "1", "-vf", "scale=480:-2", "-pix_fmt", "rgb24", thumbnail);
            Assert.True(made.ExitCode == 0, made.All);
            var t0 = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
            var sha = new string('a', 64);
            var manifest = new EvidenceManifest(EvidenceManifest.CurrentFormat, Guid.NewGuid(), t0, "chef", t0, "Vol à l'étalage", "Gendarmerie de Meyzieu", "PV 2026/042", "Adjudant Martin",
                t0.AddMinutes(-10), t0.AddMinutes(-5), [new EvidenceCamera(Guid.NewGuid(), "Caisse 2", Guid.NewGuid())],
                [new EvidenceFileEntry("Caisse-2_20261206T075000Z.mp4", 123456, sha, Guid.NewGuid())], [])
            { RegisterNumber = 42 };
            var report = Path.Combine(folder, ExtractionReport.FileName);

            ExtractionReport.Write(report, manifest, [new ExtractionReport.Thumbnail("Caisse 2", await File.ReadAllBytesAsync(thumbnail, Ct))]);

            var text = await VigieProcess.RunToolAsync("pdftotext", "-layout", report, "-");
            Assert.True(text.ExitCode == 0, text.All);
            foreach (var expected in new[] { "Rapport d'extraction n° 42", "Gendarmerie de Meyzieu", "PV 2026/042", "Adjudant Martin", "Vol à l'étalage", "Caisse 2", sha, "06/12/2026 08:50:00" })
            {
                Assert.Contains(expected, text.Output, StringComparison.Ordinal);
            }

            var images = await VigieProcess.RunToolAsync("pdfimages", "-list", report);
            Assert.Contains(" 480   270 ", images.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
