namespace Vigie.Domain.Equipment;

/// <summary>
/// The stable identifiers of supervised devices, as the API and the history keep them: <c>camera:{id}</c>,
/// <c>recorder:{id}</c> (the camera's recording), <c>storage:recordings</c>, <c>transmitter:{account}</c>,
/// <c>host</c>, <c>other:{number}</c>.
/// </summary>
public static class DeviceKeys
{
    public const int MaxLength = 100;

    public const string Host = "host";

    public const string Storage = "storage:recordings";

    public static string Camera(CameraId camera) => $"camera:{camera.Value:N}";

    public static string Recorder(CameraId camera) => $"recorder:{camera.Value:N}";

    public static string Transmitter(string account) => $"transmitter:{account}";

    public static string Other(long id) => $"other:{id}";

    /// <summary>The camera a <c>camera:</c> or <c>recorder:</c> key names.</summary>
    public static CameraId? CameraOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && key[..colon] is "camera" or "recorder" && Guid.TryParse(key[(colon + 1)..], out var id) ? new CameraId(id) : null;
    }

    /// <summary>The number of an <c>other:</c> key.</summary>
    public static long? OtherOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith("other:", StringComparison.Ordinal) && long.TryParse(key.AsSpan(6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
