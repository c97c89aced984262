using BenchmarkDotNet.Attributes;
using Vigie.Domain.Logbook;

namespace Vigie.Bench.Logbook.Micro;

/// <summary>
/// The in-memory cost of the chain per entry: hashing alone, building the next entry (validation,
/// normalisation, hash) and checking one link as the verifier does. A typical entry (~130 characters
/// of French text) and a long one (2,000 characters) show how the cost scales with the text.
/// </summary>
[MemoryDiagnoser]
public class LogbookChainBenchmarks
{
    private LogbookEntry _typical = null!;
    private LogbookEntry _long = null!;
    private LogbookEntry _first = null!;
    private LogbookDraft _draft = null!;
    private ChainHead _head;

    [GlobalSetup]
    public void Setup()
    {
        _draft = SampleDrafts.Create(1)[0];
        var recordedAt = new DateTimeOffset(2026, 11, 29, 2, 14, 0, TimeSpan.Zero);
        _head = new ChainHead(41, new string('a', 64));
        _typical = LogbookEntry.Next(_draft, _head, recordedAt);
        var longDraft = _draft with { Text = string.Concat(Enumerable.Repeat("Levée de doute vidéo effectuée. ", 63)) };
        _long = LogbookEntry.Next(longDraft, _head, recordedAt);
        _first = LogbookEntry.Next(_draft, ChainHead.Genesis, recordedAt);
    }

    [Benchmark(Baseline = true, Description = "ComputeHash, typical entry")]
    public string ComputeHashTypical() => LogbookChain.ComputeHash(_typical);

    [Benchmark(Description = "ComputeHash, 2,000-char entry")]
    public string ComputeHashLong() => LogbookChain.ComputeHash(_long);

    [Benchmark(Description = "LogbookEntry.Next (validate + hash)")]
    public LogbookEntry Next() => LogbookEntry.Next(_draft, _head, _typical.RecordedAt);

    /// <summary>A fresh verifier per call so that every call checks sequence 1 against the genesis head.</summary>
    [Benchmark(Description = "ChainVerifier.Check (one link)")]
    public bool Check() => new ChainVerifier(Journal.MainCourante).Check(_first);
}
