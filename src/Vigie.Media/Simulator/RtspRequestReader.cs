using System.Text;

namespace Vigie.Media.Simulator;

/// <summary>
/// Reads RTSP requests from a client connection, skipping interleaved binary frames the client may send
/// ('$' + channel + length, RFC 2326 §10.12: RTCP receiver reports). Bounded: a request head over 16 KiB or
/// a body over 64 KiB ends the connection.
/// </summary>
public sealed class RtspRequestReader(Stream stream)
{
    private const int MaxHead = 16 * 1024;
    private const int MaxBody = 64 * 1024;

    private readonly byte[] _one = new byte[1];

    /// <summary>The next request, or null at end of stream.</summary>
    public async Task<RtspRequest?> ReadAsync(CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        while (true)
        {
            var b = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
            if (b < 0)
            {
                return null;
            }

            if (b == '$' && head.Length == 0)
            {
                await SkipInterleavedAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            head.Append((char)b);
            if (head.Length > MaxHead)
            {
                throw new InvalidDataException("RTSP request head too long.");
            }

            if (head.Length >= 4 && head[^1] == '\n' && (EndsWith(head, "\r\n\r\n") || EndsWith(head, "\n\n")))
            {
                break;
            }
        }

        var lines = head.ToString().Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Length > 0).ToArray();
        var first = lines.Length > 0 ? lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (first.Length < 3 || !first[2].StartsWith("RTSP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Not an RTSP request line: '{(lines.Length > 0 ? lines[0] : string.Empty)}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        if (headers.TryGetValue("Content-Length", out var lengthText) && int.TryParse(lengthText, out var length) && length > 0)
        {
            if (length > MaxBody)
            {
                throw new InvalidDataException("RTSP request body too large.");
            }

            await stream.ReadExactlyAsync(new byte[length], cancellationToken).ConfigureAwait(false);
        }

        return new RtspRequest(first[0].ToUpperInvariant(), first[1], headers);
    }

    private async Task SkipInterleavedAsync(CancellationToken cancellationToken)
    {
        var header = new byte[3];
        await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        var length = (header[1] << 8) | header[2];
        if (length > 0)
        {
            await stream.ReadExactlyAsync(new byte[length], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> ReadByteAsync(CancellationToken cancellationToken)
    {
        var read = await stream.ReadAsync(_one, cancellationToken).ConfigureAwait(false);
        return read == 0 ? -1 : _one[0];
    }

    private static bool EndsWith(StringBuilder builder, string suffix)
    {
        if (builder.Length < suffix.Length)
        {
            return false;
        }

        for (var i = 0; i < suffix.Length; i++)
        {
            if (builder[builder.Length - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }

        return true;
    }
}
