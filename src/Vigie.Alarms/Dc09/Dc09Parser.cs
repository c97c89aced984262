using System.Globalization;

namespace Vigie.Alarms.Dc09;

/// <summary>
/// Parses one DC-09 frame — the bytes between LF and CR: CRC (4 hex), length (4 hex), then the body —
/// checking CRC-16/ARC and length over the body, every field's syntax, and decrypting an encrypted frame
/// ('*' before the type) with the account's key. Strict where the rules are exact; the only liberties taken
/// are the <see cref="Dc09Deviations"/>, reported with the frame so that they are counted.
/// </summary>
public static class Dc09Parser
{
    /// <summary>The result of a parse: a frame, or the error and a human-readable detail.</summary>
    public readonly record struct Result(Dc09Frame? Frame, Dc09FrameError Error, string Detail)
    {
        public bool Ok => Frame is not null;

        public static Result Fail(Dc09FrameError error, string detail) => new(null, error, detail);
    }

    /// <param name="frame">The frame without its LF and CR.</param>
    /// <param name="keyOf">The AES key of an account, or null when it has none.</param>
    public static Result Parse(ReadOnlySpan<byte> frame, Func<string, byte[]?> keyOf)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        foreach (var b in frame)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return Result.Fail(Dc09FrameError.NotAscii, $"byte 0x{b:X2} is not printable ASCII");
            }
        }

        if (frame.Length < 8 + 2)
        {
            return Result.Fail(Dc09FrameError.TooShort, $"{frame.Length} bytes");
        }

        var text = System.Text.Encoding.ASCII.GetString(frame);
        if (!ushort.TryParse(text.AsSpan(0, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var crc)
            || !ushort.TryParse(text.AsSpan(4, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var length))
        {
            return Result.Fail(Dc09FrameError.BadLength, "CRC and length must be 4 hex digits each");
        }

        // Upper-case hex is what the rules show; a lower-case CRC or length is the same number (tolerated, counted).
        var deviations = frame[..8].IndexOfAnyInRange((byte)'a', (byte)'f') >= 0 ? Dc09Deviations.LowerCaseHeader : Dc09Deviations.None;
        var body = frame[8..];
        if (body.Length != length)
        {
            return Result.Fail(Dc09FrameError.BadLength, $"length field says {length}, body has {body.Length} bytes");
        }

        var computed = Crc16Arc.Compute(body);
        if (computed != crc)
        {
            return Result.Fail(Dc09FrameError.BadCrc, $"CRC field {crc:X4}, computed {computed:X4}");
        }

        return ParseBody(text.AsSpan(8), keyOf, deviations);
    }

    private static Result ParseBody(ReadOnlySpan<char> body, Func<string, byte[]?> keyOf, Dc09Deviations deviations)
    {
        // "TYPE"
        if (body[0] != '"' || body[1..].IndexOf('"') is var close && close < 1)
        {
            return Result.Fail(Dc09FrameError.BadType, "the body must start with the quoted message type");
        }

        var type = body.Slice(1, close);
        var encrypted = type[0] == '*';
        if (encrypted)
        {
            type = type[1..];
        }

        if (type.IsEmpty || type.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"))
        {
            return Result.Fail(Dc09FrameError.BadType, $"message type '{type}'");
        }

        var rest = body[(close + 2)..];
        if (type.SequenceEqual(Dc09Frame.Nak))
        {
            // The NAK has a fixed header: "NAK"0000R0L0A0[]_receiver time.
            const string NakHeader = "0000R0L0A0[";
            return rest.StartsWith(NakHeader)
                ? ParseData(Dc09Frame.Nak, encrypted: false, 0, "0", "0", string.Empty, rest[NakHeader.Length..].ToString(), deviations)
                : Result.Fail(Dc09FrameError.BadAccount, "a NAK's header is 0000R0L0A0");
        }

        // SEQ: 4 decimal digits.
        if (rest.Length < 4 || !int.TryParse(rest[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return Result.Fail(Dc09FrameError.BadSequence, "the sequence number must be 4 decimal digits");
        }

        rest = rest[4..];

        // [Rrcvr] Lline: 1–6 hex digits each.
        string? receiver = null;
        if (!rest.IsEmpty && rest[0] == 'R')
        {
            receiver = HexField(ref rest, 6);
            if (receiver is null)
            {
                return Result.Fail(Dc09FrameError.BadReceiver, "R must be followed by 1 to 6 hex digits");
            }
        }

        // The rules require L; diallers that leave it out, or send an L without digits, are read all the same:
        // the line prefix means nothing to Vigie but what the ACK must echo (null: none; empty: "L" alone).
        string? line;
        if (!rest.IsEmpty && rest[0] == '#')
        {
            line = null;
            deviations |= Dc09Deviations.LineMissing;
        }
        else if (rest.Length >= 2 && rest[0] == 'L' && rest[1] == '#')
        {
            line = string.Empty;
            rest = rest[1..];
            deviations |= Dc09Deviations.LineEmpty;
        }
        else if (rest.IsEmpty || rest[0] != 'L' || HexField(ref rest, 6) is not { } digits)
        {
            return Result.Fail(Dc09FrameError.BadLine, "L followed by 1 to 6 hex digits (or nothing) and then #account is required");
        }
        else
        {
            line = digits;
        }

        // #acct: 3–16 hex digits.
        string account;
        if (!rest.IsEmpty && rest[0] == '#')
        {
            if (HexField(ref rest, 16) is not { Length: >= 3 } acct)
            {
                return Result.Fail(Dc09FrameError.BadAccount, "# must be followed by 3 to 16 hex digits");
            }

            account = acct;
        }
        else
        {
            return Result.Fail(Dc09FrameError.BadAccount, "the account (#acct) is missing");
        }

        if (rest.IsEmpty || rest[0] != '[')
        {
            return Result.Fail(Dc09FrameError.BadData, "the data block '[' is missing");
        }

        rest = rest[1..];
        string afterBracket;
        if (encrypted)
        {
            if (keyOf(account) is not { } key)
            {
                return Result.Fail(Dc09FrameError.NoKeyForAccount, $"encrypted frame from account {account}, which has no key");
            }

            if (!Dc09Encryption.TryDecrypt(key, rest, out var clear))
            {
                return Result.Fail(Dc09FrameError.BadEncryption, "the encrypted block does not decrypt to text with this account's key");
            }

            afterBracket = StripFiller(clear, account);
        }
        else
        {
            afterBracket = rest.ToString();
        }

        return ParseData(type.ToString(), encrypted, sequence, receiver, line, account, afterBracket, deviations);
    }

    /// <summary>The decrypted text starts with filler; the data starts at '#acct|', at '|', or is empty (']' first).</summary>
    private static string StripFiller(string clear, string account)
    {
        var bar = clear.IndexOf('|', StringComparison.Ordinal);
        var end = clear.IndexOf(']', StringComparison.Ordinal);
        if (end >= 0 && (bar < 0 || end < bar))
        {
            return clear[end..];
        }

        if (bar < 0)
        {
            return clear;
        }

        var withAccount = bar - account.Length - 1;
        return withAccount >= 0 && clear[withAccount] == '#' && clear.AsSpan(withAccount + 1, account.Length).SequenceEqual(account)
            ? clear[withAccount..]
            : clear[bar..];
    }

    /// <summary>Parses <c>payload]</c> then extended blocks <c>[…]</c> and the optional time stamp.</summary>
    private static Result ParseData(string type, bool encrypted, int sequence, string? receiver, string? line, string account, string text, Dc09Deviations deviations)
    {
        var end = text.IndexOf(']', StringComparison.Ordinal);
        if (end < 0)
        {
            return Result.Fail(Dc09FrameError.BadData, "the data block is not closed with ']'");
        }

        var payload = text[..end];
        if (payload.Contains('[', StringComparison.Ordinal))
        {
            return Result.Fail(Dc09FrameError.BadData, "'[' inside the data block");
        }

        var rest = text.AsSpan(end + 1);
        var extended = new List<string>();
        while (!rest.IsEmpty && rest[0] == '[')
        {
            var close = rest.IndexOf(']');
            if (close < 0)
            {
                return Result.Fail(Dc09FrameError.BadData, "an extended data block is not closed with ']'");
            }

            extended.Add(rest[1..close].ToString());
            rest = rest[(close + 1)..];
        }

        DateTimeOffset? timestamp = null;
        if (!rest.IsEmpty)
        {
            if (!Dc09Timestamp.TryParse(rest, out var time))
            {
                return Result.Fail(Dc09FrameError.BadTimestamp, $"'{rest}' is not a _HH:MM:SS,MM-DD-YYYY time stamp");
            }

            timestamp = time;
        }
        else if (encrypted)
        {
            return Result.Fail(Dc09FrameError.MissingTimestamp, "an encrypted frame must carry a time stamp");
        }
        else
        {
            deviations |= Dc09Deviations.NoTimestamp;
        }

        return new Result(new Dc09Frame(type, encrypted, sequence, receiver, line, account, payload, extended, timestamp, deviations), Dc09FrameError.None, string.Empty);
    }

    /// <summary>Reads a one-letter prefix and up to <paramref name="max"/> upper-case hex digits; null when there are none.</summary>
    private static string? HexField(ref ReadOnlySpan<char> rest, int max)
    {
        var digits = 0;
        while (digits < max && 1 + digits < rest.Length && char.IsAsciiHexDigitUpper(rest[1 + digits]) | char.IsAsciiDigit(rest[1 + digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            return null;
        }

        var value = rest.Slice(1, digits).ToString();
        rest = rest[(1 + digits)..];
        return value;
    }
}
