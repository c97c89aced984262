namespace Vigie.Media.Simulator;

/// <summary>An RTSP request as the simulator's server reads it (RFC 2326 §6).</summary>
public sealed record RtspRequest(string Method, string Uri, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string CSeq => Header("CSeq") ?? "0";
}
