namespace Vigie.Server.Components.Wall;

/// <summary>One tile of the wall: the camera it shows (none for a free tile) and the live state the player reports.</summary>
public sealed class WallTile
{
    public const string Connecting = "connecting";

    public Guid? Camera { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>As live-player.js reports it: connecting, streaming, degraded, unavailable, unsupported.</summary>
    public string State { get; set; } = Connecting;

    /// <summary>Puts a camera on the tile; its player starts from "connecting".</summary>
    /// <summary>The camera is not covered today by a valid prefectoral authorisation: the tile says so.</summary>
    public bool Unauthorised { get; private set; }

    public void Show(Guid camera, string name, bool unauthorised = false)
    {
        Camera = camera;
        Name = name;
        Unauthorised = unauthorised;
        State = Connecting;
    }

    public void Clear()
    {
        Camera = null;
        Name = string.Empty;
        State = Connecting;
    }
}
