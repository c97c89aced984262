namespace Vigie.Server.Security;

/// <summary>Vigie stores UTC and shows Europe/Paris; legal day boundaries (card expiry) are Paris days.</summary>
public static class ParisClock
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateTimeOffset ToParis(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToParis(time.GetUtcNow()).DateTime);

    /// <summary>Interprets a wall-clock time in Paris as an instant.</summary>
    public static DateTimeOffset FromParis(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
