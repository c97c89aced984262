namespace Vigie.Bench.Playback;

/// <summary>The four measurements of a run: new socket or seek in a session, page cache warm or dropped.</summary>
public enum SeekScenario
{
    WarmNewSocket,
    WarmInSession,
    ColdNewSocket,
    ColdInSession,
}
