using Vigie.Media.Codecs;

namespace Vigie.Media.Simulator;

/// <param name="CapturedAt">When the frame was due, on the simulator's clock: what its RTCP sender reports pair with its RTP time (null: when it is sent).</param>
public readonly record struct ServedFrame(AnnexBReader.Unit Unit, uint RtpTimestamp, DateTimeOffset? CapturedAt = null);
