using Vigie.Domain.Logbook;

namespace Vigie.Domain.Tests.Logbook;

/// <summary>
/// Builds chains the way the writer does (<see cref="LogbookEntry.Next"/>) and copies entries as a
/// database reader would see them, so tests can alter one stored column and leave the rest as written.
/// </summary>
internal static class Entries
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 8, 30, 0, TimeSpan.Zero);

    public static readonly SiteId Warehouse = new(Guid.Parse("0192a6f0-0000-7000-8000-000000000001"));

    public static readonly PersonId Operator = new(Guid.Parse("0192a6f0-0000-7000-8000-0000000000aa"));

    public static LogbookDraft Draft(int n) =>
        new(Journal.MainCourante, LogbookCategory.Information, $"Round {n}: nothing to report", Warehouse, Operator, "Camille Martin", $"ticket-{n}");

    /// <summary>A chain of <paramref name="count"/> entries with ids 101, 102, … one minute apart.</summary>
    public static List<LogbookEntry> Chain(int count)
    {
        var entries = new List<LogbookEntry>(count);
        var head = ChainHead.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var next = LogbookEntry.Next(Draft(i), head, Start.AddMinutes(i));
            var stored = Copy(next, id: 100 + i);
            entries.Add(stored);
            head = new ChainHead(stored.Sequence, stored.Hash);
        }

        return entries;
    }

    /// <summary>The entry as stored, with the given columns replaced and every other column (hash included) kept.</summary>
    public static LogbookEntry Copy(
        LogbookEntry e,
        long? id = null,
        long? sequence = null,
        DateTimeOffset? recordedAt = null,
        string? text = null,
        string? previousHash = null,
        string? hash = null) =>
        LogbookEntry.FromStored(
            id ?? e.Id,
            e.Journal,
            sequence ?? e.Sequence,
            recordedAt ?? e.RecordedAt,
            e.AuthorId,
            e.AuthorName,
            e.SiteId,
            e.Category,
            text ?? e.Text,
            e.References,
            e.CorrectsId,
            previousHash ?? e.PreviousHash,
            hash ?? e.Hash);
}
