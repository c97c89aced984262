namespace Vigie.Media.Simulator;

/// <summary>A playing RTSP session of a simulated camera: receives each frame's packets, must not block.</summary>
public interface ISimulatedClient
{
    /// <summary>Offers a batch; the client retains it if it keeps it. Returns false when the client is gone.</summary>
    bool Offer(PacketBatch batch);
}
