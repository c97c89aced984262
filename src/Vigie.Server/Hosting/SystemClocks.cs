namespace Vigie.Server.Hosting;

/// <summary>
/// The only places the host picks the system clock (TimeProvider.System is banned elsewhere in this project:
/// everything else takes the clock it is given, so that tests drive it with a fake one).
/// </summary>
internal static class SystemClocks
{
#pragma warning disable RS0030 // Choosing the system clock on purpose is what this class is for.
    /// <summary>The host's clock when nothing else is given (`vigie serve`), and the command line's.</summary>
    public static TimeProvider Wall => TimeProvider.System;

    /// <summary>
    /// The clock of sockets to real peers (DC-09 panels, MQTT brokers): their time-outs are the peers' and run
    /// on real time even in a test whose host runs on a fake clock.
    /// </summary>
    public static TimeProvider Network => TimeProvider.System;
#pragma warning restore RS0030
}
