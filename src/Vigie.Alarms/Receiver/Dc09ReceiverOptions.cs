using System.ComponentModel.DataAnnotations;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// The DC-09 receiver's windows, time-outs and caps, bound from the configuration section <c>Alarms:Dc09</c>
/// (<c>DATA/appsettings.json</c> or <c>Alarms__Dc09__…</c> in the environment) and checked when the host starts:
/// a value out of its range stops the host with the setting named. The port and the address stay on the command
/// line (<c>--dc09-port</c>, <c>--dc09-address</c>). The defaults are the ones documented in docs/alarms.md.
/// </summary>
public sealed class Dc09ReceiverOptions : IValidatableObject
{
    public const string Section = "Alarms:Dc09";

    /// <summary>A frame's time stamp may be this far in the past…</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true, ErrorMessage = Section + ":MaxAge must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>…and this far in the future; outside the window it gets a NAK with the receiver's time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true, ErrorMessage = Section + ":MaxAhead must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan MaxAhead { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A retransmission (same account, sequence and content) within this time is stored once and acknowledged again.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true, ErrorMessage = Section + ":RetransmissionWindow must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan RetransmissionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A frame longer than this is discarded and answered NAK; it also bounds the memory of a connection.</summary>
    [Range(256, 65_536, ErrorMessage = Section + ":MaxFrameBytes must be between {1} and {2}.")]
    public int MaxFrameBytes { get; set; } = Dc09.Dc09FrameSplitter.DefaultMaxFrameBytes;

    /// <summary>
    /// A connection that has not completed a frame this long since it opened, or since its last frame while
    /// bytes came (an incomplete frame trickling in, stray bytes now and then), is closed (with a NAK when
    /// bytes came): holding a socket open takes a frame every so often.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true, ErrorMessage = Section + ":FrameTimeout must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection silent this long after a complete frame is closed (panels reconnect for each message or keep the line with NULL messages).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true, ErrorMessage = Section + ":IdleTimeout must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1_000_000, ErrorMessage = Section + ":MaxConnections must be between {1} and {2}.")]
    public int MaxConnections { get; set; } = 2000;

    [Range(1, 1_000_000, ErrorMessage = Section + ":MaxConnectionsPerAddress must be between {1} and {2}.")]
    public int MaxConnectionsPerAddress { get; set; } = 256;

    /// <summary>Of <see cref="MaxConnections"/>, the last ones kept for addresses that sent frames of configured accounts.</summary>
    [Range(0, 1_000_000, ErrorMessage = Section + ":ReservedConnections must be between {1} and {2}.")]
    public int ReservedConnections { get; set; } = 200;

    /// <summary>
    /// Frames of one TCP connection handled and not yet answered; past that the connection is not read until its
    /// oldest frame is answered. A panel waits for each ACK and a receiver's transmitter pipelines a few: this is
    /// each connection's fair share of the group commit, so that a flooding sender only slows itself.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = Section + ":MaxInFlightPerConnection must be between {1} and {2}.")]
    public int MaxInFlightPerConnection { get; set; } = 64;

    /// <summary>UDP datagrams being handled at once, in all; past that (or the per-address cap) a datagram is dropped unanswered and the panel repeats it.</summary>
    [Range(1, 1_000_000, ErrorMessage = Section + ":MaxUdpInFlight must be between {1} and {2}.")]
    public int MaxUdpInFlight { get; set; } = 1024;

    [Range(1, 1_000_000, ErrorMessage = Section + ":MaxUdpInFlightPerAddress must be between {1} and {2}.")]
    public int MaxUdpInFlightPerAddress { get; set; } = 64;

    /// <summary>The caps per address cannot exceed the caps in all (checked once every value is in its range).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxConnectionsPerAddress > MaxConnections)
        {
            yield return new ValidationResult($"{Section}:MaxConnectionsPerAddress ({MaxConnectionsPerAddress}) cannot exceed {Section}:MaxConnections ({MaxConnections}).", [nameof(MaxConnectionsPerAddress)]);
        }

        if (ReservedConnections >= MaxConnections)
        {
            yield return new ValidationResult($"{Section}:ReservedConnections ({ReservedConnections}) must be less than {Section}:MaxConnections ({MaxConnections}).", [nameof(ReservedConnections)]);
        }

        if (MaxUdpInFlightPerAddress > MaxUdpInFlight)
        {
            yield return new ValidationResult($"{Section}:MaxUdpInFlightPerAddress ({MaxUdpInFlightPerAddress}) cannot exceed {Section}:MaxUdpInFlight ({MaxUdpInFlight}).", [nameof(MaxUdpInFlightPerAddress)]);
        }
    }
}
