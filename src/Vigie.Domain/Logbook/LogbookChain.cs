using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigie.Domain.Logbook;

/// <summary>
/// The hash chain of the log book. The hashed form is versioned and unambiguous: every field is written
/// as its UTF-8 byte length, a colon, the bytes and a newline, so no choice of text can make two
/// different entries hash alike.
/// </summary>
public static class LogbookChain
{
    private const string Version = "vigie-logbook-v1";

    /// <summary>Truncates to microseconds (PostgreSQL's timestamp precision) and converts to UTC.</summary>
    public static DateTimeOffset Normalise(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string ComputeHash(LogbookEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(256 + (entry.Text.Length * 3));
        Write(buffer, Version);
        Write(buffer, ((int)entry.Journal).ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Write(buffer, entry.AuthorId?.ToString("D") ?? string.Empty);
        Write(buffer, entry.AuthorName);
        Write(buffer, entry.SiteId?.ToString("D") ?? string.Empty);
        Write(buffer, entry.Category);
        Write(buffer, entry.Text);
        Write(buffer, entry.References);
        Write(buffer, entry.CorrectsId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        Write(buffer, entry.PreviousHash);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var prefix = length.ToString(CultureInfo.InvariantCulture);
        var span = buffer.GetSpan(prefix.Length + 2 + length);
        var written = Encoding.ASCII.GetBytes(prefix, span);
        span[written++] = (byte)':';
        written += Encoding.UTF8.GetBytes(value, span[written..]);
        span[written++] = (byte)'\n';
        buffer.Advance(written);
    }
}
