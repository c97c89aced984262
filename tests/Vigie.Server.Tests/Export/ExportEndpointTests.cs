using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Testing;
using static Vigie.Server.Tests.Export.ExportTestSteps;

namespace Vigie.Server.Tests.Export;

/// <summary>
/// Snapshots of a recorded instant, snapshots attached to the log book and clip export, against the real
/// host recording a simulated camera (2 s segments), with ffprobe as the peer that reads the export.
/// </summary>
public sealed class ExportEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recorded_instant_is_snapshotted_attached_to_the_log_book_and_a_range_is_exported_to_an_mp4_of_that_length()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Dépôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");
        var segments = await WaitForSegmentsAsync(host, camera.Id, 4);

        // A snapshot of an instant in the second file: a JPEG, audited with the instant.
        var at = segments[1].StartsAt + TimeSpan.FromMilliseconds(700);
        var shot = await op.GetAsync(new Uri($"/api/cameras/{camera.Id}/snapshot?at={Iso(at)}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, shot.StatusCode);
        Assert.Equal("image/jpeg", shot.Content.Headers.ContentType?.MediaType);
        Assert.True(await shot.Content.ReadAsByteArrayAsync(Ct) is [0xFF, 0xD8, ..]);
        Assert.Contains("enregistrée", Assert.Single(await AuditAsync(host, AuditCategory.SnapshotTaken)), StringComparison.Ordinal);

        // The same instant attached to a new log book entry: the entry names the attachment's hash, the
        // download is those bytes, and the chain verifies with it.
        var created = await op.PostAsJsonAsync("/api/logbook/snapshot", new { cameraId = camera.Id, at, category = "incident", text = "Individu sur le quai" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = (await created.Content.ReadFromJsonAsync<LogbookEntryDto>(Ct))!;
        Assert.Equal(site.Id, entry.SiteId);
        Assert.NotNull(entry.AttachmentSha256);
        Assert.Contains(AttachmentReference.Format(entry.AttachmentSha256!), entry.References, StringComparison.Ordinal);
        var attached = await op.GetByteArrayAsync(new Uri($"/api/logbook/{entry.Id}/attachment", UriKind.Relative), Ct);
        Assert.Equal(entry.AttachmentSha256, LogbookAttachment.HashOf(attached));
        var report = await LogbookVerification.VerifyAsync(host.Service<VigieDbFactory>(), Ct);
        Assert.True(report.IsIntact);
        Assert.Equal(1, report.AttachmentsChecked);

        // An export over three segment files lasts the requested range.
        var from = segments[0].StartsAt + TimeSpan.FromMilliseconds(500);
        var to = segments[2].EndsAt - TimeSpan.FromMilliseconds(300);
        var accepted = await op.PostAsJsonAsync("/api/exports", new { cameraIds = new[] { camera.Id }, from, to, reason = "Réquisition test" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await ReadJobAsync(accepted);
        Assert.Equal($"/api/exports/{job.GetProperty("id").GetGuid()}", accepted.Headers.Location?.OriginalString);
        var done = await WaitForExportAsync(op, job.GetProperty("id").GetGuid());
        Assert.Equal(100, done.GetProperty("progress").GetDouble());
        var file = Assert.Single(done.GetProperty("files").EnumerateArray());
        Assert.False(file.TryGetProperty("path", out _), "the server path is not sent");
        var mp4 = Path.Combine(host.DataFolder, "downloaded.mp4");
        await File.WriteAllBytesAsync(mp4, await op.GetByteArrayAsync(new Uri($"/api/exports/{job.GetProperty("id").GetGuid()}/files/1", UriKind.Relative), Ct), Ct);
        var probe = await new FfmpegRunner(NullLogger.Instance).RunAsync(FfmpegRunner.Ffprobe,
            ["-v", "error", "-show_entries", "format=duration:stream=codec_name", "-of", "json", mp4], TimeSpan.FromSeconds(30), Ct);
        using var probed = JsonDocument.Parse(probe);
        Assert.Equal("h264", probed.RootElement.GetProperty("streams")[0].GetProperty("codec_name").GetString());
        var duration = double.Parse(probed.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(duration, (to - from).TotalSeconds - 1, (to - from).TotalSeconds + 1);
        Assert.Single(await AuditAsync(host, AuditCategory.ExportRequested));
        Assert.Contains("Réquisition test", Assert.Single(await AuditAsync(host, AuditCategory.ExportCompleted)), StringComparison.Ordinal);
        Assert.Single(await AuditAsync(host, AuditCategory.ExportDownloaded));

        // Bytes of the attachment replaced behind the database's back: verify names the entry.
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER logbook_attachments_no_update; UPDATE logbook_attachments SET \"Content\" = X'FFD8FFD9'", Ct);
        }

        var tampered = await LogbookVerification.VerifyAsync(host.Service<VigieDbFactory>(), Ct);
        Assert.False(tampered.IsIntact);
        Assert.Equal(entry.Id, tampered.BrokenAttachment!.EntryId);
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_refusal_and_nothing_is_audited_as_exported_or_snapshotted()
    {
        await using var host = await TestHost.StartAsync();
        var mine = await host.CreateSiteAsync("Mon site");
        var other = await host.CreateSiteAsync("Autre site");
        var myCamera = await host.CreateCameraAsync(mine, "Hall");
        var otherCamera = await host.CreateCameraAsync(other, "Réserve");
        var start = host.Time.GetUtcNow().AddHours(-2);
        await host.IndexSegmentAsync(myCamera.Id, start, TimeSpan.FromMinutes(1));
        await host.IndexSegmentAsync(otherCamera.Id, start, TimeSpan.FromMinutes(1));
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        await host.CreatePersonAsync("auditor", Role.Auditor, [mine]);
        using var op = await host.ClientAsync("op");
        using var auditor = await host.ClientAsync("auditor");

        async Task ExpectAsync(HttpClient client, object body, HttpStatusCode status, string inDetail)
        {
            var answer = await client.PostAsJsonAsync("/api/exports", body, Ct);
            Assert.Equal(status, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Contains(inDetail, await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var from = start.AddSeconds(10);
        var to = start.AddSeconds(40);
        await ExpectAsync(op, new { cameraIds = new[] { myCamera.Id }, from = to, to = from }, HttpStatusCode.BadRequest, "export.range_reversed");
        await ExpectAsync(op, new { cameraIds = new[] { myCamera.Id }, from, to = from.AddHours(25) }, HttpStatusCode.BadRequest, "export.range_too_long");
        await ExpectAsync(op, new { cameraIds = Array.Empty<Guid>(), from, to }, HttpStatusCode.BadRequest, "export.cameras_count");
        await ExpectAsync(op, new { cameraIds = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()), from, to }, HttpStatusCode.BadRequest, "export.cameras_count");
        await ExpectAsync(op, new { cameraIds = new[] { myCamera.Id }, from = start.AddHours(-3), to = start.AddHours(-2).AddSeconds(-1) }, HttpStatusCode.NotFound, "Nothing is recorded");
        await ExpectAsync(op, new { cameraIds = new[] { myCamera.Id }, from = start.AddMinutes(5), to = start.AddMinutes(6) }, HttpStatusCode.NotFound, "Nothing is recorded");
        await ExpectAsync(op, new { cameraIds = new[] { Guid.NewGuid() }, from, to }, HttpStatusCode.NotFound, "camera");
        await ExpectAsync(op, new { cameraIds = new[] { myCamera.Id, otherCamera.Id }, from, to }, HttpStatusCode.Forbidden, "site");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/exports", new { cameraIds = new[] { myCamera.Id }, from, to }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsync(new Uri("/api/exports", UriKind.Relative), new StringContent("{\"cameraIds\":[],\"from\":\"hier\"}", System.Text.Encoding.UTF8, "application/json"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync(new Uri($"/api/exports/{Guid.NewGuid()}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync(new Uri($"/api/exports/{Guid.NewGuid()}/files/1", UriKind.Relative), Ct)).StatusCode);

        // Snapshots of a recorded instant: unparsable, not recorded, unknown camera, other site, auditor.
        async Task<HttpResponseMessage> SnapAsync(HttpClient client, Guid camera, string at) =>
            await client.GetAsync(new Uri($"/api/cameras/{camera}/snapshot?at={Uri.EscapeDataString(at)}", UriKind.Relative), Ct);
        var badInstant = await SnapAsync(op, myCamera.Id, "hier soir");
        Assert.Equal(HttpStatusCode.BadRequest, badInstant.StatusCode);
        Assert.Contains("snapshot.instant_invalid", await badInstant.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var notRecorded = await SnapAsync(op, myCamera.Id, Iso(start.AddHours(-1)));
        Assert.Equal(HttpStatusCode.NotFound, notRecorded.StatusCode);
        Assert.Contains("Nothing is recorded", await notRecorded.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await SnapAsync(op, Guid.NewGuid(), Iso(from))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SnapAsync(op, otherCamera.Id, Iso(from))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SnapAsync(auditor, myCamera.Id, Iso(from))).StatusCode);
        // Log book snapshot entries: same checks, and the auditor may not write.
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/logbook/snapshot", new { cameraId = otherCamera.Id, at = from, category = "incident", text = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsJsonAsync("/api/logbook/snapshot", new { cameraId = myCamera.Id, at = start.AddHours(-1), category = "incident", text = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/logbook/snapshot", new { cameraId = myCamera.Id, at = from, category = "incident", text = "x" }, Ct)).StatusCode);
        var plain = await op.PostAsJsonAsync("/api/logbook", new { siteId = mine.Id, category = "information", text = "Ronde" }, Ct);
        var plainId = (await plain.Content.ReadFromJsonAsync<LogbookEntryDto>(Ct))!.Id;
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync(new Uri($"/api/logbook/{plainId}/attachment", UriKind.Relative), Ct)).StatusCode);

        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.False(await db.LogbookEntries.AnyAsync(e => e.Category.StartsWith("video.export") || e.Category == AuditCategory.SnapshotTaken, Ct));
        Assert.False(await db.LogbookAttachments.AnyAsync(Ct));
        Assert.False(await db.LogbookEntries.AnyAsync(e => e.Journal == Journal.MainCourante && e.Text == "x", Ct));
    }

    [Fact]
    public async Task The_seconds_just_recorded_are_snapshotted_and_exported_before_their_segment_is_complete()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        // One-minute segments: for the whole test nothing is in the index yet.
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Dépôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");
        var recorder = host.Service<Vigie.Media.Cameras.ICameraRecorders>();
        DateTimeOffset? started = null;
        for (var i = 0; i < 300 && (started is null || TimeProvider.System.GetUtcNow() - started < TimeSpan.FromSeconds(6)); i++)
        {
            started ??= recorder.RecorderOf(new Vigie.Domain.CameraId(camera.Id))?.Growing?.StartsAt;
            await Task.Delay(100, Ct);
        }

        Assert.NotNull(started);
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            Assert.False(await db.RecordingSegments.AnyAsync(Ct), "a segment was already complete: the test would prove nothing");
        }

        var shot = await op.GetAsync(new Uri($"/api/cameras/{camera.Id}/snapshot?at={Iso(started!.Value.AddSeconds(2))}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, shot.StatusCode);
        Assert.True(await shot.Content.ReadAsByteArrayAsync(Ct) is [0xFF, 0xD8, ..]);

        var from = started.Value.AddSeconds(1);
        var to = started.Value.AddSeconds(4);
        var accepted = await op.PostAsJsonAsync("/api/exports", new { cameraIds = new[] { camera.Id }, from, to }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await ReadJobAsync(accepted)).GetProperty("id").GetGuid();
        await WaitForExportAsync(op, id);
        var mp4 = Path.Combine(host.DataFolder, "growing.mp4");
        await File.WriteAllBytesAsync(mp4, await op.GetByteArrayAsync(new Uri($"/api/exports/{id}/files/1", UriKind.Relative), Ct), Ct);
        var probe = await new FfmpegRunner(NullLogger.Instance).RunAsync(FfmpegRunner.Ffprobe, ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", mp4], TimeSpan.FromSeconds(30), Ct);
        Assert.InRange(double.Parse(probe.Trim(), CultureInfo.InvariantCulture), 2, 4);
    }

    [Fact]
    public async Task An_export_is_an_evidence_package_anyone_verifies_with_the_package_and_the_public_key_alone()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Dépôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");
        var segments = await WaitForSegmentsAsync(host, camera.Id, 3);

        var accepted = await op.PostAsJsonAsync("/api/exports", new
        {
            cameraIds = new[] { camera.Id },
            from = segments[0].StartsAt + TimeSpan.FromMilliseconds(300),
            to = segments[1].EndsAt - TimeSpan.FromMilliseconds(300),
            reason = "Vol de palettes",
            authority = "Commissariat de Lyon 7e",
            requisition = "PV 2026/00417",
            officer = "Brigadier Durand",
        }, Ct);
        var id = (await ReadJobAsync(accepted)).GetProperty("id").GetGuid();
        await WaitForExportAsync(op, id);
        var folder = Path.Combine(host.DataFolder, "evidence-test");
        Directory.CreateDirectory(folder);
        var zip = Path.Combine(folder, "preuve.zip");
        await File.WriteAllBytesAsync(zip, await op.GetByteArrayAsync(new Uri($"/api/exports/{id}/package", UriKind.Relative), Ct), Ct);
        Assert.Contains(await AuditAsync(host, AuditCategory.ExportDownloaded), t => t.StartsWith("Téléchargement du paquet de preuve", StringComparison.Ordinal));
        var publicKey = Path.Combine(host.DataFolder, Vigie.Server.Security.InstallationKey.PublicFileName);

        // With the public key given: every file and the signature check out; the manifest says who asked and why.
        var intact = await VigieProcess.RunAsync("evidence", "verify", zip, "--public-key", publicKey);
        Assert.True(intact.ExitCode == 0, intact.All);
        Assert.Contains("requisition PV 2026/00417 (Commissariat de Lyon 7e, Brigadier Durand)", intact.Output, StringComparison.Ordinal);
        Assert.Contains("signature valid against the given public key", intact.Output, StringComparison.Ordinal);
        var unpacked = Path.Combine(folder, "unpacked");
        System.IO.Compression.ZipFile.ExtractToDirectory(zip, unpacked);
        var manifest = JsonSerializer.Deserialize<Vigie.Server.Features.Evidence.EvidenceManifest>(await File.ReadAllBytesAsync(Path.Combine(unpacked, "manifest.json"), Ct), Vigie.Server.Features.Evidence.EvidencePackage.Json)!;
        var clip = Assert.Single(manifest.Files, f => f.Path.EndsWith(".mp4", StringComparison.Ordinal));
        Assert.Equal(2, manifest.Files.Count);
        Assert.Equal("Vol de palettes", manifest.Reason);

        // The PDF report is in the package (hashed like the clips); Poppler reads it: the request, the clip's hash, a thumbnail.
        var report = Path.Combine(unpacked, Vigie.Server.Features.Evidence.ExtractionReport.FileName);
        Assert.Contains(manifest.Files, f => f.Path == Vigie.Server.Features.Evidence.ExtractionReport.FileName && f.CameraId is null);
        var reportText = await VigieProcess.RunToolAsync("pdftotext", "-layout", report, "-");
        Assert.True(reportText.ExitCode == 0, reportText.All);
        Assert.Contains($"Rapport d'extraction n° {manifest.RegisterNumber}", reportText.Output, StringComparison.Ordinal);
        Assert.Contains("Commissariat de Lyon 7e", reportText.Output, StringComparison.Ordinal);
        Assert.Contains("PV 2026/00417", reportText.Output, StringComparison.Ordinal);
        Assert.Contains(clip.Sha256, reportText.Output, StringComparison.Ordinal);
        var images = await VigieProcess.RunToolAsync("pdfimages", "-list", report);
        Assert.True(images.ExitCode == 0, images.All);
        Assert.Contains(" 480 ", images.Output, StringComparison.Ordinal);
        // The recording segments the clip was cut from, each with its own SHA-256.
        Assert.True(manifest.Sources.Count >= 2, $"{manifest.Sources.Count} sources");
        Assert.All(manifest.Sources.Where(x => x.Bytes > 0), x => Assert.Matches("^[0-9a-f]{64}$", x.Sha256));

        // A peer we did not write checks the same signature.
        var openssl = await VigieProcess.RunToolAsync("openssl", "dgst", "-sha256", "-verify", publicKey, "-signature", Path.Combine(unpacked, "manifest.json.sig"), Path.Combine(unpacked, "manifest.json"));
        Assert.True(openssl.ExitCode == 0 && openssl.Output.Contains("Verified OK", StringComparison.Ordinal), openssl.All);

        // One byte of the clip changed: named.
        var clipPath = Path.Combine(unpacked, clip.Path);
        var bytes = await File.ReadAllBytesAsync(clipPath, Ct);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(clipPath, bytes, Ct);
        var changed = await VigieProcess.RunAsync("evidence", "verify", unpacked, "--public-key", publicKey);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains($"FAILED: {clip.Path}: SHA-256", changed.Output, StringComparison.Ordinal);
        Assert.Contains("the file was changed", changed.Output, StringComparison.Ordinal);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(clipPath, bytes, Ct);

        // The manifest edited to match a changed clip no longer matches its signature.
        var text = await File.ReadAllTextAsync(Path.Combine(unpacked, "manifest.json"), Ct);
        await File.WriteAllTextAsync(Path.Combine(unpacked, "manifest.json"), text.Replace("Vol de palettes", "Contrôle de routine", StringComparison.Ordinal), Ct);
        var edited = await VigieProcess.RunAsync("evidence", "verify", unpacked, "--public-key", publicKey);
        Assert.Equal(1, edited.ExitCode);
        Assert.Contains("the signature of manifest.json does not match it", edited.Output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(unpacked, "manifest.json"), text, Ct);

        // Another installation's key, a file slipped in, a file removed: each named.
        using (var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "other.pem"), other.ExportSubjectPublicKeyInfoPem(), Ct);
        }

        var otherKey = await VigieProcess.RunAsync("evidence", "verify", unpacked, "--public-key", Path.Combine(folder, "other.pem"));
        Assert.Equal(1, otherKey.ExitCode);
        Assert.Contains("signed by another key", otherKey.Output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(unpacked, "note.txt"), "ajouté", Ct);
        File.Move(clipPath, clipPath + ".bak");
        var altered = await VigieProcess.RunAsync("evidence", "verify", unpacked, "--public-key", publicKey);
        Assert.Equal(1, altered.ExitCode);
        Assert.Contains($"FAILED: {clip.Path}: missing", altered.Output, StringComparison.Ordinal);
        Assert.Contains("FAILED: note.txt: not in the manifest", altered.Output, StringComparison.Ordinal);

        // Without a key the package's own copy is used, and the output says what that proves.
        var own = await VigieProcess.RunAsync("evidence", "verify", zip);
        Assert.Equal(0, own.ExitCode);
        Assert.Contains("compare it with the installation's published key", own.Output, StringComparison.Ordinal);
        var printed = await VigieProcess.RunAsync("evidence", "public-key", "--data", host.DataFolder);
        Assert.Equal(await File.ReadAllTextAsync(publicKey, Ct), printed.Output);

        // The extraction register: the entry, completed, tied to the package by its manifest's SHA-256; auditors read
        // it and export it as CSV; an operator may not.
        await host.CreatePersonAsync("dpo", Role.Auditor);
        using var dpo = await host.ClientAsync("dpo");
        var entries = (await dpo.GetFromJsonAsync<List<Vigie.Server.Features.Evidence.ExtractionDto>>("/api/extractions?q=PV%202026", Ct))!;
        var entry = Assert.Single(entries);
        Assert.Equal(manifest.RegisterNumber, entry.Number);
        Assert.Equal(("completed", "Quai", "op", "Commissariat de Lyon 7e", "Brigadier Durand"), (entry.State, entry.Cameras, entry.RequestedBy, entry.Authority, entry.Officer));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(unpacked, "manifest.json"), Ct))), entry.ManifestSha256);
        Assert.Empty((await dpo.GetFromJsonAsync<List<Vigie.Server.Features.Evidence.ExtractionDto>>("/api/extractions?q=inconnu", Ct))!);
        var csv = await dpo.GetStringAsync(new Uri("/api/extractions.csv", UriKind.Relative), Ct);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("number,requested_at_utc,requested_by,cameras", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"{entry.Number},", StringComparison.Ordinal) && l.Contains("PV 2026/00417", StringComparison.Ordinal) && l.Contains(entry.ManifestSha256!, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(new Uri("/api/extractions", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(new Uri("/api/extractions.csv", UriKind.Relative), Ct)).StatusCode);
        // And as PDF, which Poppler reads.
        var registerPdf = Path.Combine(folder, "registre.pdf");
        await File.WriteAllBytesAsync(registerPdf, await dpo.GetByteArrayAsync(new Uri("/api/extractions.pdf", UriKind.Relative), Ct), Ct);
        var registerText = await VigieProcess.RunToolAsync("pdftotext", registerPdf, "-");
        Assert.True(registerText.ExitCode == 0, registerText.All);
        Assert.Contains($"N° {entry.Number}", registerText.Output, StringComparison.Ordinal);
        Assert.Contains("PV 2026/00417", registerText.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(new Uri("/api/extractions.pdf", UriKind.Relative), Ct)).StatusCode);

        // Nobody deletes an entry, even with the database in hand.
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM extractions", Ct));
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
