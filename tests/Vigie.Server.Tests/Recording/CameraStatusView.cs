namespace Vigie.Server.Tests.Recording;

/// <summary>The camera status JSON as a client reads it.</summary>
public sealed record CameraStatusView(Guid CameraId, string State, double FramesPerSecond, double BitrateKbps, double KeyframeIntervalSeconds, int Reconnects, double? LastFrameAgeSeconds, string? LastProblem);
