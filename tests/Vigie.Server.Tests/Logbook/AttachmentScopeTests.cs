using System.Net;
using System.Net.Http.Json;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Features.Logbook;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Logbook;

/// <summary>Pictures attached to the main courante: only Vigie names them, only video viewers of the storing entry's site open them.</summary>
public sealed class AttachmentScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("piece-jointe:sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("ALM-7 Piece-Jointe:SHA256:ab")]
    public async Task A_person_cannot_write_an_attachment_reference(string references)
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");

        var added = await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(site.Id, "incident", "texte", references), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Contains("logbook.reference_reserved", await added.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var original = await (await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(site.Id, "incident", "texte"), Ct)).Content.ReadFromJsonAsync<LogbookEntryDto>(Ct);
        var corrected = await op.PostAsJsonAsync($"/api/logbook/{original!.Id}/corrections", new LogbookCorrection("texte corrigé", references), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, corrected.StatusCode);

        // Nothing was written that verify could never pass again.
        var report = await LogbookVerification.VerifyAsync(host.Service<VigieDbFactory>(), Ct);
        Assert.True(report.IsIntact);
        Assert.Equal(1, report.Checked[Journal.MainCourante]);
    }

    [Fact]
    public async Task An_entry_naming_another_sites_picture_does_not_open_it_and_an_auditor_never_downloads_one()
    {
        await using var host = await TestHost.StartAsync();
        var a = await host.CreateSiteAsync("Gare");
        var b = await host.CreateSiteAsync("Mairie");
        await host.CreatePersonAsync("op-a", Role.Operator, [a]);
        await host.CreatePersonAsync("op-b", Role.Operator, [b]);
        await host.CreatePersonAsync("auditor", Role.Auditor);
        // Site A's picture, stored then named by the entry Vigie appends (as a snapshot entry does).
        var picture = new LogbookAttachment([0xFF, 0xD8, 0x01, 0x02, 0xFF, 0xD9], "image/jpeg", "quai.jpg", host.Time.GetUtcNow());
        await LogbookAttachmentStore.StoreAsync(host.Service<VigieDbFactory>(), picture, Ct);
        var writer = host.Service<LogbookWriter>();
        var stored = await writer.AppendAsync(new LogbookDraft(Journal.MainCourante, "incident", "Individu sur le quai", new SiteId(a.Id), References: AttachmentReference.Format(picture.Sha256)), Ct);
        // An entry of site B naming the same hash, written before such references were reserved to Vigie.
        var forged = await writer.AppendAsync(new LogbookDraft(Journal.MainCourante, "incident", "copie", new SiteId(b.Id), References: AttachmentReference.Format(picture.Sha256)), Ct);

        using var opA = await host.ClientAsync("op-a");
        Assert.Equal(picture.Content, await opA.GetByteArrayAsync($"/api/logbook/{stored.Id}/attachment", Ct));
        using var opB = await host.ClientAsync("op-b");
        Assert.Equal(HttpStatusCode.Forbidden, (await opB.GetAsync($"/api/logbook/{forged.Id}/attachment", Ct)).StatusCode);

        // The auditor reads the entry (the picture exists, its hash, who took it) but never the picture.
        using var auditor = await host.ClientAsync("auditor");
        var entry = await auditor.GetFromJsonAsync<LogbookEntryDto>($"/api/logbook/{stored.Id}", Ct);
        Assert.Equal(picture.Sha256, entry!.AttachmentSha256);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/logbook/{stored.Id}/attachment", Ct)).StatusCode);
    }
}
