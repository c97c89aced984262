namespace Vigie.Alarms.Receiver;

/// <summary>A TCP frame's answer to come, and when the frame was received (a <see cref="System.Diagnostics.Stopwatch"/> time stamp).</summary>
internal readonly record struct Dc09PendingAnswer(Task<byte[]> Reply, long ReceivedAt);
