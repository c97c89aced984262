namespace Vigie.Testing;

/// <summary>
/// Where every test's camera simulator keeps its encoded sources: one folder for all test processes of the
/// machine, so each source is encoded once (the cache is safe for concurrent simulators).
/// </summary>
public static class SimulatorCache
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "vigie-camsim-tests");
}
