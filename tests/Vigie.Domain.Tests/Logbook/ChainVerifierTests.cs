using Vigie.Domain.Logbook;

namespace Vigie.Domain.Tests.Logbook;

public sealed class ChainVerifierTests
{
    [Fact]
    public void An_untouched_chain_verifies_to_the_end()
    {
        var verifier = new ChainVerifier(Journal.MainCourante);

        var allHold = Entries.Chain(5).All(verifier.Check);

        Assert.True(allHold);
        Assert.Equal(5, verifier.Checked);
        Assert.Null(verifier.FirstBreak);
    }

    [Fact]
    public void Edited_text_is_reported_as_altered_content_at_that_entry()
    {
        var chain = Entries.Chain(5);
        chain[2] = Entries.Copy(chain[2], text: "Round 3: all quiet");

        var broken = FirstBreak(chain);

        Assert.Equal(ChainBreakKind.ContentAltered, broken.Kind);
        Assert.Equal(103, broken.EntryId);
        Assert.Equal(3, broken.Sequence);
        Assert.Contains("#103", broken.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_entry_whose_hash_was_recomputed_breaks_the_link_of_the_next_one()
    {
        var chain = Entries.Chain(5);
        var forged = Entries.Copy(chain[1], text: "Round 2: forged");
        chain[1] = Entries.Copy(forged, hash: LogbookChain.ComputeHash(forged));

        var broken = FirstBreak(chain);

        Assert.Equal(ChainBreakKind.LinkBroken, broken.Kind);
        Assert.Equal(103, broken.EntryId);
        Assert.Equal(3, broken.Sequence);
    }

    [Fact]
    public void A_removed_entry_is_reported_as_a_sequence_gap_at_the_entry_after_it()
    {
        var chain = Entries.Chain(5);
        chain.RemoveAt(2);

        var broken = FirstBreak(chain);

        Assert.Equal(ChainBreakKind.SequenceGap, broken.Kind);
        Assert.Equal(104, broken.EntryId);
        Assert.Equal(4, broken.Sequence);
        Assert.Equal(3, broken.ExpectedSequence);
    }

    [Fact]
    public void A_duplicated_entry_is_reported_as_a_sequence_gap()
    {
        var chain = Entries.Chain(3);
        chain.Insert(2, chain[1]);

        var broken = FirstBreak(chain);

        Assert.Equal(ChainBreakKind.SequenceGap, broken.Kind);
        Assert.Equal(2, broken.Sequence);
        Assert.Equal(3, broken.ExpectedSequence);
    }

    [Fact]
    public void A_chain_that_does_not_start_from_genesis_is_broken_at_its_first_entry()
    {
        var chain = Entries.Chain(2);
        var rehomed = Entries.Copy(chain[0], previousHash: new string('f', 64));
        chain[0] = Entries.Copy(rehomed, hash: LogbookChain.ComputeHash(rehomed));

        var broken = FirstBreak(chain);

        Assert.Equal(ChainBreakKind.LinkBroken, broken.Kind);
        Assert.Equal(101, broken.EntryId);
    }

    [Fact]
    public void Only_the_first_break_is_reported_and_later_entries_are_not_counted()
    {
        var chain = Entries.Chain(6);
        chain[1] = Entries.Copy(chain[1], text: "first edit");
        chain[4] = Entries.Copy(chain[4], text: "second edit");
        var verifier = new ChainVerifier(Journal.MainCourante);

        var results = chain.Select(verifier.Check).ToList();

        Assert.Equal([true, false, false, false, false, false], results);
        Assert.Equal(1, verifier.Checked);
        Assert.Equal(102, verifier.FirstBreak!.EntryId);
    }

    private static ChainBreak FirstBreak(IEnumerable<LogbookEntry> chain)
    {
        var verifier = new ChainVerifier(Journal.MainCourante);
        foreach (var entry in chain)
        {
            verifier.Check(entry);
        }

        return Assert.IsType<ChainBreak>(verifier.FirstBreak);
    }
}
