namespace Vigie.Alarms.Dc09;

/// <summary>
/// One SIA DC-09 message, decrypted: <c>"TYPE"SEQ[Rrcvr]Lline#acct[payload][xdata…][_HH:MM:SS,MM-DD-YYYY]</c>.
/// <see cref="Receiver"/>, <see cref="Line"/> and <see cref="Account"/> keep their hex digits as sent,
/// since an acknowledgement must echo them exactly: <see cref="Receiver"/> is null when the frame has no <c>R</c>,
/// <see cref="Line"/> null when it has no <c>L</c> (<see cref="Dc09Deviations.LineMissing"/>) and empty for an <c>L</c>
/// without digits. <see cref="Deviations"/> says which tolerated deviations the frame showed.
/// </summary>
public sealed record Dc09Frame(
    string Type,
    bool Encrypted,
    int Sequence,
    string? Receiver,
    string? Line,
    string Account,
    string Payload,
    IReadOnlyList<string> ExtendedData,
    DateTimeOffset? Timestamp,
    Dc09Deviations Deviations = Dc09Deviations.None)
{
    public const string SiaDcs = "SIA-DCS";
    public const string ContactId = "ADM-CID";
    public const string Null = "NULL";
    public const string Ack = "ACK";
    public const string Nak = "NAK";
    public const string Duh = "DUH";

    /// <summary>The extended data block starting with <paramref name="id"/> (e.g. 'V' for a verification URL), without the id.</summary>
    public string? Extended(char id) => ExtendedData.FirstOrDefault(x => x.Length > 0 && x[0] == id)?[1..];
}
