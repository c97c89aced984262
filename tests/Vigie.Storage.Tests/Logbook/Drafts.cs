using Vigie.Domain;
using Vigie.Domain.Logbook;

namespace Vigie.Storage.Tests.Logbook;

/// <summary>Drafts as operators and Vigie itself would write them.</summary>
internal static class Drafts
{
    public static readonly SiteId SiteA = new(Guid.Parse("0192a6f0-0000-7000-8000-00000000000a"));

    public static readonly SiteId SiteB = new(Guid.Parse("0192a6f0-0000-7000-8000-00000000000b"));

    public static LogbookDraft Note(string text, SiteId? site = null, string category = LogbookCategory.Information, string author = "Camille Martin") =>
        new(Journal.MainCourante, category, text, site, PersonId.New(), author);

    public static LogbookDraft Audit(string text) =>
        new(Journal.Audit, AuditCategory.SignIn, text, AuthorName: "c.martin");
}
