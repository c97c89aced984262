using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;

namespace Vigie.Storage.Logbook;

/// <summary>
/// What a journal's chain looked like at an instant: its last sequence, the hash of that entry and how many
/// entries it held. Signed with the installation's key and kept outside the database
/// (<see cref="SignedCheckpoint"/>), it anchors the chain: deleting the last entries, or deleting one and
/// recomputing every later hash, gives a chain that holds on its own but no longer reaches this head.
/// </summary>
public sealed record LogbookCheckpoint(Journal Journal, long Sequence, string Head, long Count, DateTimeOffset At)
{
    /// <summary>The exact bytes signed: one field per line, invariant formats.</summary>
    public byte[] Payload() => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"vigie-logbook-checkpoint/1\njournal={Journal}\nsequence={Sequence}\nhead={Head}\ncount={Count}\nat={At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}\n"));

    /// <summary>The head of every journal now (a journal with no entry has sequence 0 and an empty head).</summary>
    public static async Task<IReadOnlyList<LogbookCheckpoint>> CurrentAsync(VigieDbFactory factory, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = factory.CreateDbContext();
        var heads = new List<LogbookCheckpoint>();
        foreach (var journal in Enum.GetValues<Journal>())
        {
            var last = await db.LogbookEntries.AsNoTracking().Where(e => e.Journal == journal).OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var count = await db.LogbookEntries.LongCountAsync(e => e.Journal == journal, cancellationToken).ConfigureAwait(false);
            heads.Add(new LogbookCheckpoint(journal, last?.Sequence ?? 0, last?.Hash ?? string.Empty, count, at));
        }

        return heads;
    }
}

/// <summary>A checkpoint and its ECDSA P-256 / SHA-256 signature (IEEE P1363, base64): one line of the checkpoint file.</summary>
public sealed record SignedCheckpoint(LogbookCheckpoint Checkpoint, string Signature)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static SignedCheckpoint Sign(LogbookCheckpoint checkpoint, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(key);
        return new(checkpoint, Convert.ToBase64String(key.SignData(checkpoint.Payload(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
    }

    public bool IsSignedBy(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        try
        {
            return publicKey.VerifyData(Checkpoint.Payload(), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public string ToLine() => JsonSerializer.Serialize(new Line(Checkpoint.Journal, Checkpoint.Sequence, Checkpoint.Head, Checkpoint.Count, Checkpoint.At, Signature), Json);

    /// <summary>A line of the file, or null when it is not one (a torn last line, an edit that broke the JSON).</summary>
    public static SignedCheckpoint? FromLine(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<Line>(line, Json) is { Head: not null, Signature: not null } l
                ? new SignedCheckpoint(new LogbookCheckpoint(l.Journal, l.Sequence, l.Head, l.Count, l.At), l.Signature)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Line(Journal Journal, long Sequence, string Head, long Count, DateTimeOffset At, string Signature);
}
