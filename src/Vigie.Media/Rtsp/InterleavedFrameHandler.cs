namespace Vigie.Media.Rtsp;

/// <summary>Receives one '$'-framed packet (RFC 2326 §10.12); the span is valid only during the call.</summary>
internal delegate void InterleavedFrameHandler(int channel, ReadOnlySpan<byte> packet);
