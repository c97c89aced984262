using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Vigie.Media.Rtsp.Sdp;

/// <summary>
/// Parses the SDP (RFC 4566) that cameras answer to DESCRIBE. Tolerant where cameras differ
/// (bare "\n" line ends, unknown line types, attributes before any m= line), strict where a mistake
/// would mislead the depacketiser (payload types, rtpmap, the mandatory v= line). Whatever the input,
/// the only exception thrown is <see cref="SdpParseException"/>.
/// </summary>
public static class SdpParser
{
    /// <summary>Upper bound on the text accepted; a camera's SDP is a few hundred bytes.</summary>
    public const int MaxLength = 64 * 1024;

    public static SessionDescription Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            throw new SdpParseException($"SDP is {utf8.Length} bytes, more than the {MaxLength} accepted.");
        }

        // Replacement characters for invalid UTF-8 are caught below as non-text.
        return Parse(Encoding.UTF8.GetString(utf8));
    }

    public static SessionDescription Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new SdpParseException($"SDP is {text.Length} characters, more than the {MaxLength} accepted.");
        }

        var builder = new Builder();
        var lineNumber = 0;
        var sawVersion = false;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            // RFC 4566 §5: every line is <type>=<value> with a single-letter type.
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                throw new SdpParseException($"SDP line {lineNumber} is not '<letter>=<value>': '{Printable(line)}'.") { LineNumber = lineNumber };
            }

            if (ContainsControl(line))
            {
                throw new SdpParseException($"SDP line {lineNumber} contains control characters.") { LineNumber = lineNumber };
            }

            var value = line[2..];
            if (!sawVersion)
            {
                // RFC 4566 §5.1: the description starts with v=0.
                if (line[0] != 'v' || value.Trim() != "0")
                {
                    throw new SdpParseException($"SDP must start with 'v=0'; line {lineNumber} is '{Printable(line)}'.") { LineNumber = lineNumber };
                }

                sawVersion = true;
                continue;
            }

            try
            {
                builder.Add(line[0], value);
            }
            catch (SdpParseException e)
            {
                throw new SdpParseException($"SDP line {lineNumber}: {e.Message}", e) { LineNumber = lineNumber };
            }
        }

        if (!sawVersion)
        {
            throw new SdpParseException("SDP is empty: no 'v=0' line.");
        }

        return builder.Build();
    }

    private static bool ContainsControl(string line)
    {
        foreach (var c in line)
        {
            if ((char.IsControl(c) && c != '\t') || c == '\uFFFD')
            {
                return true;
            }
        }

        return false;
    }

    private static string Printable(string line)
    {
        var cut = line.Length > 60 ? line[..60] + "…" : line;
        var sb = new StringBuilder(cut.Length);
        foreach (var c in cut)
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return sb.ToString();
    }

    /// <summary>Accumulates lines; the media section in progress is the last of <see cref="_media"/>.</summary>
    private sealed class Builder
    {
        private readonly List<MediaBuilder> _media = [];
        private string _sessionName = string.Empty;
        private string? _sessionControl;

        public void Add(char type, string value)
        {
            switch (type)
            {
                case 's':
                    _sessionName = value;
                    break;
                case 'm':
                    _media.Add(MediaBuilder.FromMediaLine(value));
                    break;
                case 'a':
                    AddAttribute(value);
                    break;
                default:
                    // o=, c=, t=, b=... carry nothing an RTSP client needs (RFC 2326 §C.1).
                    break;
            }
        }

        private void AddAttribute(string value)
        {
            if (_media.Count == 0)
            {
                if (value.StartsWith("control:", StringComparison.OrdinalIgnoreCase))
                {
                    _sessionControl = value["control:".Length..].Trim();
                }

                return;
            }

            _media[^1].AddAttribute(value);
        }

        public SessionDescription Build() => new()
        {
            SessionName = _sessionName,
            Control = _sessionControl,
            Media = [.. _media.Select(m => m.Build())],
        };
    }

    private sealed class MediaBuilder
    {
        private readonly string _mediaType;
        private readonly string _protocol;
        private readonly ImmutableArray<int> _payloadTypes;
        private readonly ImmutableArray<string>.Builder _attributes = ImmutableArray.CreateBuilder<string>();
        private ImmutableDictionary<string, string> _fmtp = ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase);
        private string? _encodingName;
        private int? _clockRate;
        private string? _control;

        private MediaBuilder(string mediaType, string protocol, ImmutableArray<int> payloadTypes)
        {
            _mediaType = mediaType;
            _protocol = protocol;
            _payloadTypes = payloadTypes;
        }

        /// <summary>RFC 4566 §5.14: m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...</summary>
        public static MediaBuilder FromMediaLine(string value)
        {
            var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4)
            {
                throw new SdpParseException($"media line 'm={value}' needs media, port, protocol and at least one format.");
            }

            var port = fields[1].Split('/')[0];
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
            {
                throw new SdpParseException($"media port '{fields[1]}' is not a port number.");
            }

            var types = ImmutableArray.CreateBuilder<int>(fields.Length - 3);
            for (var i = 3; i < fields.Length; i++)
            {
                types.Add(ParsePayloadType(fields[i]));
            }

            return new MediaBuilder(fields[0].ToLowerInvariant(), fields[2], types.MoveToImmutable());
        }

        public void AddAttribute(string value)
        {
            _attributes.Add(value);
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? value : value[..colon];
            var rest = colon < 0 ? string.Empty : value[(colon + 1)..];
            if (name.Equals("control", StringComparison.OrdinalIgnoreCase))
            {
                _control = rest.Trim();
            }
            else if (name.Equals("rtpmap", StringComparison.OrdinalIgnoreCase))
            {
                AddRtpMap(rest);
            }
            else if (name.Equals("fmtp", StringComparison.OrdinalIgnoreCase))
            {
                AddFormatParameters(rest);
            }
        }

        /// <summary>RFC 4566 §6: a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;parameters&gt;]</summary>
        private void AddRtpMap(string value)
        {
            var (payloadType, rest) = SplitPayloadType(value, "rtpmap");
            if (payloadType != _payloadTypes[0])
            {
                return;
            }

            var parts = rest.Split('/');
            if (parts[0].Length == 0)
            {
                throw new SdpParseException($"rtpmap '{value}' has no encoding name.");
            }

            _encodingName = parts[0].ToUpperInvariant();
            if (parts.Length > 1)
            {
                if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate == 0)
                {
                    throw new SdpParseException($"rtpmap '{value}' has no valid clock rate.");
                }

                _clockRate = rate;
            }
        }

        /// <summary>RFC 4566 §6: a=fmtp:&lt;format&gt; &lt;parameters&gt;, here "name=value" pairs separated by ';'.</summary>
        private void AddFormatParameters(string value)
        {
            var (payloadType, rest) = SplitPayloadType(value, "fmtp");
            if (payloadType != _payloadTypes[0])
            {
                return;
            }

            foreach (var pair in rest.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Values are base64 in sprop-* parameters and may end with '=': split on the first one only.
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = (eq < 0 ? pair : pair[..eq]).Trim();
                if (key.Length > 0)
                {
                    _fmtp = _fmtp.SetItem(key, eq < 0 ? string.Empty : pair[(eq + 1)..].Trim());
                }
            }
        }

        private static (int PayloadType, string Remainder) SplitPayloadType(string value, string attribute)
        {
            var trimmed = value.TrimStart();
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            var type = space < 0 ? trimmed : trimmed[..space];
            return (ParsePayloadType(type, attribute), space < 0 ? string.Empty : trimmed[(space + 1)..].Trim());
        }

        private static int ParsePayloadType(string text, string where = "media line")
        {
            // RFC 3551 §3: payload types are 7 bits.
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var type) || type > 127)
            {
                throw new SdpParseException($"'{text}' in {where} is not an RTP payload type (0-127).");
            }

            return type;
        }

        public SdpMedia Build() => new()
        {
            MediaType = _mediaType,
            Protocol = _protocol,
            PayloadTypes = _payloadTypes,
            EncodingName = _encodingName,
            ClockRate = _clockRate,
            FormatParameters = _fmtp,
            Control = _control,
            Attributes = _attributes.ToImmutable(),
        };
    }
}
