using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigie.Domain.Logbook;

namespace Vigie.Domain.Tests.Logbook;

public sealed class LogbookChainTests
{
    public static readonly TheoryData<string> HashedFields =
    [
        "Journal", "Sequence", "RecordedAt", "AuthorId", "AuthorName", "SiteId",
        "Category", "Text", "References", "CorrectsId", "PreviousHash",
    ];

    [Fact]
    public void Hash_is_the_sha256_of_every_field_written_as_length_colon_bytes_newline()
    {
        var entry = LogbookEntry.FromStored(
            7, Journal.MainCourante, 3, new DateTimeOffset(2026, 3, 14, 8, 30, 5, 123, 456, TimeSpan.Zero),
            Entries.Operator.Value, "Zoé Durand", Entries.Warehouse.Value, LogbookCategory.Incident,
            "Intrusion zone B — patrouille envoyée", "ALM-42", 5, new string('a', 64), string.Empty);

        // Rebuilt here from the format documented on LogbookChain, not from its code, so that any
        // change to the hashed form (which would orphan every stored chain) fails this test.
        string[] fields =
        [
            "vigie-logbook-v1", "1", "3", "2026-03-14T08:30:05.123456Z",
            Entries.Operator.Value.ToString("D"), "Zoé Durand", Entries.Warehouse.Value.ToString("D"), "incident",
            "Intrusion zone B — patrouille envoyée", "ALM-42", "5", new string('a', 64),
        ];
        var form = new StringBuilder();
        foreach (var field in fields)
        {
            form.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(form.ToString())));
        Assert.Equal(expected, LogbookChain.ComputeHash(entry));
    }

    [Fact]
    public void The_same_content_always_gives_the_same_hash()
    {
        var first = LogbookEntry.Next(Entries.Draft(1), ChainHead.Genesis, Entries.Start);
        var again = LogbookEntry.Next(Entries.Draft(1), ChainHead.Genesis, Entries.Start);

        Assert.Equal(first.Hash, again.Hash);
        Assert.Equal(first.Hash, LogbookChain.ComputeHash(first));
        Assert.Equal(first.Hash, LogbookChain.ComputeHash(Entries.Copy(first, id: 999)));
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
    }

    [Theory]
    [MemberData(nameof(HashedFields))]
    public void Changing_any_hashed_field_changes_the_hash(string field)
    {
        var original = LogbookEntry.Next(Entries.Draft(1) with { CorrectsId = 5 }, new ChainHead(4, new string('c', 64)), Entries.Start);

        var altered = Alter(original, field);

        Assert.NotEqual(LogbookChain.ComputeHash(original), LogbookChain.ComputeHash(altered));
    }

    [Fact]
    public void Moving_characters_across_a_field_boundary_changes_the_hash()
    {
        var a = With(text: "ab", references: "c");
        var b = With(text: "a", references: "bc");
        var c = With(text: "a\n2:bc", references: string.Empty);

        var hashes = new[] { a, b, c }.Select(LogbookChain.ComputeHash).ToHashSet();

        Assert.Equal(3, hashes.Count);
    }

    [Fact]
    public void A_missing_author_and_an_empty_author_name_are_not_confused_with_a_present_one()
    {
        var withAuthor = LogbookEntry.Next(Entries.Draft(1), ChainHead.Genesis, Entries.Start);
        var withoutAuthor = LogbookEntry.Next(Entries.Draft(1) with { AuthorId = null }, ChainHead.Genesis, Entries.Start);

        Assert.NotEqual(withAuthor.Hash, withoutAuthor.Hash);
    }

    [Fact]
    public void Recorded_time_is_kept_in_utc_to_the_microsecond_so_databases_store_it_exactly()
    {
        var local = new DateTimeOffset(2026, 3, 14, 9, 30, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);

        var entry = LogbookEntry.Next(Entries.Draft(1), ChainHead.Genesis, local);

        Assert.Equal(TimeSpan.Zero, entry.RecordedAt.Offset);
        Assert.Equal(local.UtcTicks - 7, entry.RecordedAt.UtcTicks);
        Assert.Equal(entry.Hash, LogbookChain.ComputeHash(entry));
    }

    [Fact]
    public void Database_id_is_not_hashed_because_it_is_assigned_after_the_entry_is_chained()
    {
        var entry = LogbookEntry.Next(Entries.Draft(1), ChainHead.Genesis, Entries.Start);

        Assert.Equal(entry.Hash, LogbookChain.ComputeHash(Entries.Copy(entry, id: 123_456)));
    }

    private static LogbookEntry With(string text, string references) =>
        LogbookEntry.FromStored(1, Journal.MainCourante, 1, Entries.Start, null, "Vigie", null, "information", text, references, null, ChainHead.Genesis.Hash, string.Empty);

    private static LogbookEntry Alter(LogbookEntry e, string field) => LogbookEntry.FromStored(
        e.Id,
        field == "Journal" ? Journal.Audit : e.Journal,
        field == "Sequence" ? e.Sequence + 1 : e.Sequence,
        field == "RecordedAt" ? e.RecordedAt.AddTicks(10) : e.RecordedAt,
        field == "AuthorId" ? Guid.Parse("0192a6f0-0000-7000-8000-0000000000bb") : e.AuthorId,
        field == "AuthorName" ? e.AuthorName + "." : e.AuthorName,
        field == "SiteId" ? null : e.SiteId,
        field == "Category" ? LogbookCategory.Incident : e.Category,
        field == "Text" ? e.Text.Replace("nothing", "Nothing", StringComparison.Ordinal) : e.Text,
        field == "References" ? e.References + " " : e.References,
        field == "CorrectsId" ? e.CorrectsId + 1 : e.CorrectsId,
        field == "PreviousHash" ? new string('d', 64) : e.PreviousHash,
        e.Hash);
}
