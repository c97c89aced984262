namespace Vigie.Alarms.Dc09;

/// <summary>
/// The ways a frame may bend the DC-09 rules (docs/alarms.md, "Conformance") and still be read safely: what such a
/// frame means is not in doubt, and its acknowledgement echoes exactly the fields it had. Each is counted per
/// account (<c>vigie_dc09_deviations_total</c>) and logged once per account, so that the panel can be set right.
/// Anything else that breaks the rules is answered NAK. A byte: carried by every parsed frame, it fits in the
/// padding of <see cref="Dc09Frame"/>, so the parse path allocates no more than before (decision 0015).
/// </summary>
[Flags]
public enum Dc09Deviations : byte
{
    None = 0,

    /// <summary>
    /// No line prefix at all (<c>"SIA-DCS"0001#1234[…]</c>, or with a receiver: <c>…0001R12#1234[…]</c>). The rules
    /// make <c>Lpref</c> required; some diallers leave it out. It is only echoed, so the ACK leaves it out too.
    /// </summary>
    LineMissing = 1 << 0,

    /// <summary><c>L</c> with no digits before the account (<c>…0001L#1234[…]</c>), seen from GSM diallers; echoed as sent.</summary>
    LineEmpty = 1 << 1,

    /// <summary>Lower-case hex digits in the CRC or length field (<c>7b35…</c>): the same numbers either way.</summary>
    LowerCaseHeader = 1 << 2,

    /// <summary>
    /// A frame in clear without a time stamp. The rules require one only for encrypted frames, but such a frame
    /// escapes the time window: a replayed copy cannot be told from a new message. Counted so that it shows.
    /// </summary>
    NoTimestamp = 1 << 3,

    /// <summary>
    /// SIA DC-03 items run together without their '/' separator (<c>Nri1BA12</c> for <c>Nri1/BA12</c>): a modifier's
    /// digits end where the two upper-case letters of the event code begin, so the split is not in doubt.
    /// </summary>
    JoinedItems = 1 << 4,
}
