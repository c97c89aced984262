namespace Vigie.Alarms.Simulator;

public sealed record PanelSimulatorOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 9009;

    public bool Udp { get; init; }

    /// <summary>AES key shared by every simulated account; null sends in clear.</summary>
    public byte[]? Key { get; init; }

    /// <summary>"dc03" (SIA-DCS) or "cid" (ADM-CID).</summary>
    public string Format { get; init; } = "dc03";

    /// <summary>Number of panels (accounts), each on its own connection.</summary>
    public int Accounts { get; init; } = 1;

    /// <summary>First account number; the others follow (hex).</summary>
    public int FirstAccount { get; init; } = 0x1000;

    /// <summary>Messages per second over all panels; 0: as fast as the receiver answers.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>Messages to send in all; 0: until stopped.</summary>
    public long Count { get; init; }

    /// <summary>Alarm zones of each panel (1…Zones), reported by alarms and their restores.</summary>
    public int Zones { get; init; } = 63;

    /// <summary>Only these codes of the cycle (SIA: BA, BR, TA, OP, CL, RP, NULL…); all when null or empty.</summary>
    public IReadOnlyList<string>? Only { get; init; }

    /// <summary>How long to wait for an answer before counting a timeout and sending again.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static string AccountNumber(int first, int index) => (first + index).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
}
