using Vigie.Media.Codecs;

namespace Vigie.Media.Simulator;

public readonly record struct ServedFrame(AnnexBReader.Unit Unit, uint RtpTimestamp);
