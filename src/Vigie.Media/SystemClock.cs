namespace Vigie.Media;

/// <summary>
/// The one place Media picks the system clock (TimeProvider.System and real-clock timers are banned in this
/// project, BannedSymbols.Engines.txt): the default of the classes that talk to real peers — the RTSP client,
/// the camera simulator, ffmpeg children — when their caller passes no clock. The engines (camera recorders,
/// retention) always get theirs from the host.
/// </summary>
internal static class SystemClock
{
#pragma warning disable RS0030 // Choosing the system clock on purpose is what this class is for.
    public static TimeProvider Default => TimeProvider.System;
#pragma warning restore RS0030
}
