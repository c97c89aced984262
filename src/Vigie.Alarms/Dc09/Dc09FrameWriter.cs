using System.Globalization;
using System.Text;

namespace Vigie.Alarms.Dc09;

/// <summary>Writes DC-09 frames (LF, CRC, length, body, CR): the receiver's answers and the panel simulator's messages.</summary>
public static class Dc09FrameWriter
{
    public const byte Lf = 0x0A;
    public const byte Cr = 0x0D;

    /// <summary>
    /// A frame of <paramref name="type"/> with the given header fields; <paramref name="afterBracket"/> is the
    /// text after the opening '[' (payload, ']', extended blocks, time stamp), encrypted when a key is given.
    /// A null <paramref name="receiver"/> or <paramref name="line"/> leaves that field out (an answer echoes what
    /// the frame had; a frame Vigie writes of its own always has its line).
    /// </summary>
    public static byte[] Write(string type, int sequence, string? receiver, string? line, string account, string afterBracket, byte[]? key = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(afterBracket);
        // One builder per thread, reused: an answer is written for every frame received.
        var body = _builder ?? new StringBuilder(256);
        _builder = null;
        body.Clear();
        body.Append('"').Append(key is null ? string.Empty : "*").Append(type).Append('"')
            .Append(sequence.ToString("D4", CultureInfo.InvariantCulture));
        if (receiver is not null)
        {
            body.Append('R').Append(receiver);
        }

        if (line is not null)
        {
            body.Append('L').Append(line);
        }

        body.Append('#').Append(account).Append('[')
            .Append(key is null ? afterBracket : Dc09Encryption.Encrypt(key, afterBracket));
        var frame = Frame(body.ToString());
        _builder = body;
        return frame;
    }

    [ThreadStatic]
    private static StringBuilder? _builder;

    /// <summary>
    /// Acknowledges <paramref name="frame"/>: echoes its sequence, receiver, line and account exactly as they came —
    /// a field the frame did not have is not sent either —; encrypted (with the receiver's time) when the frame was.
    /// </summary>
    public static byte[] Ack(Dc09Frame frame, DateTimeOffset now, byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Encrypted && key is not null
            ? Write(Dc09Frame.Ack, frame.Sequence, frame.Receiver, frame.Line, frame.Account, "]" + Dc09Timestamp.Write(now), key)
            : Write(Dc09Frame.Ack, frame.Sequence, frame.Receiver, frame.Line, frame.Account, "]");
    }

    /// <summary>"DUH": the frame was understood but what it reports is not supported.</summary>
    public static byte[] Duh(Dc09Frame frame, DateTimeOffset now, byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Encrypted && key is not null
            ? Write(Dc09Frame.Duh, frame.Sequence, frame.Receiver, frame.Line, frame.Account, "]" + Dc09Timestamp.Write(now), key)
            : Write(Dc09Frame.Duh, frame.Sequence, frame.Receiver, frame.Line, frame.Account, "]");
    }

    /// <summary>"NAK" with the receiver's time, so that the sender can correct its clock.</summary>
    public static byte[] Nak(DateTimeOffset now) => Frame($"\"{Dc09Frame.Nak}\"0000R0L0A0[]{Dc09Timestamp.Write(now)}");

    /// <summary>Wraps a body: LF, CRC-16/ARC and length (4 upper-case hex each), body, CR.</summary>
    public static byte[] Frame(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bytes = new byte[body.Length + 10];
        bytes[0] = Lf;
        Encoding.ASCII.GetBytes(body, bytes.AsSpan(9));
        var crc = Crc16Arc.Compute(bytes.AsSpan(9, body.Length));
        crc.TryFormat(bytes.AsSpan(1, 4), out _, "X4", CultureInfo.InvariantCulture);
        ((ushort)body.Length).TryFormat(bytes.AsSpan(5, 4), out _, "X4", CultureInfo.InvariantCulture);
        bytes[^1] = Cr;
        return bytes;
    }
}
