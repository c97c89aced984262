namespace Vigie.Media.Rtp;

/// <summary>
/// 64-bit NTP timestamps as carried in RTCP sender reports (RFC 3550 §4): 32 bits of seconds since
/// 1900-01-01 UTC and 32 bits of fraction.
/// </summary>
public static class NtpTime
{
    private static readonly DateTimeOffset Era0 = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Where the seconds field wraps, 2036-02-07T06:28:16Z (start of NTP era 1).</summary>
    private static readonly DateTimeOffset Era1 = Era0.AddSeconds(4_294_967_296d);

    /// <summary>
    /// Converts an NTP timestamp to UTC. Seconds with the top bit clear are read as era 1 (after 2036), as
    /// RFC 4330 §3 recommends, so the conversion keeps working across the 2036 wrap; this covers
    /// 1968..2104.
    /// </summary>
    public static DateTimeOffset ToDateTimeOffset(ulong ntp)
    {
        var seconds = (uint)(ntp >> 32);
        var fraction = (uint)ntp;
        var era = (seconds & 0x8000_0000) != 0 ? Era0 : Era1;
        var fractionTicks = (long)(((ulong)fraction * TimeSpan.TicksPerSecond) >> 32);
        return era.AddTicks((seconds * TimeSpan.TicksPerSecond) + fractionTicks);
    }

    /// <summary>The inverse of <see cref="ToDateTimeOffset"/>, for senders and tests.</summary>
    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        var era = time >= Era1 ? Era1 : Era0;
        var ticks = (time - era).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = ((ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }
}
