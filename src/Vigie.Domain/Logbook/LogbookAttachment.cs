using System.Security.Cryptography;

namespace Vigie.Domain.Logbook;

/// <summary>
/// A file attached to a main-courante entry (a snapshot of a camera), stored by content: its key is the
/// SHA-256 of its bytes. The entry names that hash in its references (<see cref="AttachmentReference"/>),
/// which the chain hashes, so replacing the bytes, or the hash in the entry, is seen by
/// <c>vigie logbook verify</c>. Immutable once stored; the database refuses updates and deletes.
/// </summary>
public sealed class LogbookAttachment
{
    /// <summary>Larger files are refused: a snapshot is a few hundred kilobytes.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    private LogbookAttachment()
    {
        Sha256 = string.Empty;
        ContentType = string.Empty;
        FileName = string.Empty;
        Content = [];
    }

    public LogbookAttachment(byte[] content, string contentType, string fileName, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (content.Length is 0 or > MaxBytes)
        {
            throw new DomainException("attachment.size_invalid", $"An attachment holds 1 byte to {MaxBytes / (1024 * 1024)} MiB.", nameof(Content));
        }

        Sha256 = HashOf(content);
        Content = content;
        ContentType = contentType;
        FileName = fileName;
        Length = content.Length;
        StoredAt = storedAt;
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>: the key and what the entry references.</summary>
    public string Sha256 { get; private set; }

    public string ContentType { get; private set; }

    public string FileName { get; private set; }

    public long Length { get; private set; }

    public DateTimeOffset StoredAt { get; private set; }

    public byte[] Content { get; private set; }

    /// <summary>True when the stored bytes still hash to <see cref="Sha256"/>.</summary>
    public bool IsIntact => string.Equals(HashOf(Content), Sha256, StringComparison.Ordinal);

    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
