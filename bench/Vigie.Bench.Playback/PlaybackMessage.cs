using System.Net.WebSockets;

namespace Vigie.Bench.Playback;

/// <summary>
/// One message of the playback socket as the bench reads it: a text message's type, seq and start (of a
/// <c>seeked</c>), or a binary message's kind (1 init, 2 fragment) and recorded time; with the timestamp
/// (<see cref="TimeProvider.GetTimestamp"/>) at which its last byte was received.
/// </summary>
public sealed record PlaybackMessage(WebSocketMessageType Type, long ReceivedAt, int Length, string? TextType = null, long Seq = 0,
    DateTimeOffset? Start = null, byte Kind = 0, DateTimeOffset? RecordedAt = null)
{
    public const byte InitKind = 1;
    public const byte FragmentKind = 2;

    public bool IsFragment => Type == WebSocketMessageType.Binary && Kind == FragmentKind;
}
