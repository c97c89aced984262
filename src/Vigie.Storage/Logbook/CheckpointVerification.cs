using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;

namespace Vigie.Storage.Logbook;

/// <summary>What the signed checkpoints say of the chains: how many lines were read and signed, and the first problem.</summary>
public sealed record CheckpointReport(int Lines, int Signed, IReadOnlyDictionary<Journal, LogbookCheckpoint> Latest, string? Problem)
{
    public bool Holds => Problem is null;
}

/// <summary>
/// Checks the chains against the installation's signed checkpoints (one <see cref="SignedCheckpoint"/> per
/// line): every line must be signed by the installation's key, and the latest checkpoint of each journal must
/// still be in the chain: its entry there, with the same hash, and as many entries up to it. The chain being a
/// hash chain, the latest checkpoint holding proves every earlier one does. A last line that is not a
/// checkpoint is a write torn by a crash, and is left aside.
/// </summary>
public static class CheckpointVerification
{
    public static async Task<CheckpointReport> VerifyAsync(VigieDbFactory factory, IReadOnlyList<string> lines, ECDsa publicKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(publicKey);
        var latest = new Dictionary<Journal, LogbookCheckpoint>();
        var signed = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = SignedCheckpoint.FromLine(lines[i]);
            if (line is null)
            {
                if (i == lines.Count - 1)
                {
                    break;
                }

                return new CheckpointReport(lines.Count, signed, latest, $"line {i + 1} of the checkpoint file is not a checkpoint: the file was edited");
            }

            if (!line.IsSignedBy(publicKey))
            {
                return new CheckpointReport(lines.Count, signed, latest, $"line {i + 1} of the checkpoint file ({line.Checkpoint.Journal} #{line.Checkpoint.Sequence}) is not signed by this installation's key: the file was edited or forged");
            }

            signed++;
            if (!latest.TryGetValue(line.Checkpoint.Journal, out var known) || line.Checkpoint.Sequence >= known.Sequence)
            {
                latest[line.Checkpoint.Journal] = line.Checkpoint;
            }
        }

        await using var db = factory.CreateDbContext();
        foreach (var checkpoint in latest.Values.OrderBy(c => c.Journal))
        {
            if (await ProblemAsync(db, checkpoint, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                return new CheckpointReport(lines.Count, signed, latest, problem);
            }
        }

        return new CheckpointReport(lines.Count, signed, latest, null);
    }

    private static async Task<string?> ProblemAsync(Model.VigieDbContext db, LogbookCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var journal = checkpoint.Journal;
        var signedAt = $"the checkpoint signed at {checkpoint.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
        var entries = db.LogbookEntries.AsNoTracking().Where(e => e.Journal == journal);
        var count = await entries.LongCountAsync(e => e.Sequence <= checkpoint.Sequence, cancellationToken).ConfigureAwait(false);
        if (checkpoint.Sequence == 0)
        {
            return null;
        }

        var entry = await entries.Where(e => e.Sequence == checkpoint.Sequence).Select(e => new { e.Hash }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            var last = await entries.MaxAsync(e => (long?)e.Sequence, cancellationToken).ConfigureAwait(false);
            return last is null || last < checkpoint.Sequence
                ? $"the {journal} ends at #{last ?? 0} but {signedAt} saw it reach #{checkpoint.Sequence}: its last entries were deleted"
                : $"entry #{checkpoint.Sequence} of the {journal}, seen by {signedAt}, is missing";
        }

        if (!string.Equals(entry.Hash, checkpoint.Head, StringComparison.Ordinal))
        {
            return $"entry #{checkpoint.Sequence} of the {journal} is not the one {signedAt} saw (hash {Short(entry.Hash)}, signed {Short(checkpoint.Head)}): the history up to it was rewritten and chained again";
        }

        return count != checkpoint.Count
            ? $"the {journal} holds {count} entries up to #{checkpoint.Sequence} where {signedAt} saw {checkpoint.Count}: entries were removed and the chain renumbered"
            : null;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
