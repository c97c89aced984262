namespace Vigie.Alarms.Dc09;

/// <summary>Why a frame was refused (answered with NAK).</summary>
public enum Dc09FrameError
{
    None,
    NotAscii,
    TooShort,
    BadCrc,
    BadLength,
    BadType,
    BadSequence,
    BadReceiver,
    BadLine,
    BadAccount,
    BadData,
    NoKeyForAccount,
    BadEncryption,
    MissingTimestamp,
    BadTimestamp,
}
