using System.Collections.Concurrent;
using Vigie.Domain;

namespace Vigie.Server.Features.Analytics;

/// <summary>
/// The tamper conditions in force per camera (lens covered, defocused, camera moved, video lost), as the analytics
/// raised and cleared them: the equipment supervision shows them as the camera's state (the analytics raised the alarm).
/// </summary>
public sealed class TamperStates
{
    private readonly ConcurrentDictionary<CameraId, ConcurrentDictionary<string, (string French, string English)>> _cameras = new();

    public void Set(CameraId camera, string code, bool raised, string french, string english)
    {
        var conditions = _cameras.GetOrAdd(camera, _ => new ConcurrentDictionary<string, (string, string)>(StringComparer.Ordinal));
        if (raised)
        {
            conditions[code] = (french, english);
        }
        else
        {
            conditions.TryRemove(code, out _);
        }
    }

    /// <summary>The camera's conditions in force, by code (<c>tamper.covered</c>…); empty when none.</summary>
    public IReadOnlyDictionary<string, (string French, string English)> Of(CameraId camera) =>
        _cameras.TryGetValue(camera, out var conditions) ? conditions : Empty;

    private static readonly IReadOnlyDictionary<string, (string, string)> Empty = new Dictionary<string, (string, string)>();
}
