namespace Vigie.Bench.Alarms;

/// <summary>Which measurement window is open (-1: none): latencies and answers are counted per window.</summary>
public sealed class Phase
{
    public const int None = -1;

    private int _current = None;

    public int Current => Volatile.Read(ref _current);

    public void Set(int phase) => Volatile.Write(ref _current, phase);
}
