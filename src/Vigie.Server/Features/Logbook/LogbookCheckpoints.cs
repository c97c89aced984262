using System.Globalization;
using Vigie.Domain.Logbook;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Logbook;

/// <summary>
/// Anchors the journals' chains: every <see cref="Interval"/>, and when the host stops, the head of each
/// journal that moved (last sequence, its hash, the count) is signed with the installation's key
/// (<see cref="InstallationKey"/>) and appended to <see cref="FileName"/> in the data folder, outside the
/// database — a line per journal, flushed to disk — then written to the audit journal and to the host's log
/// (which may be shipped elsewhere). <c>vigie logbook verify</c> checks the chains against the latest of
/// them: a cut tail or a history chained again no longer reaches a signed head.
/// </summary>
public sealed partial class LogbookCheckpoints(
    VigieHostOptions options,
    VigieDbFactory dbFactory,
    InstallationKey key,
    LogbookWriter writer,
    SupervisedLoops loops,
    ILogger<LogbookCheckpoints> logger) : BackgroundService
{
    public const string FileName = "logbook-checkpoints.jsonl";

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<Journal, LogbookCheckpoint>? _last;

    /// <summary>The audit entry this writer added last: the audit head moving by it alone is no reason for another checkpoint.</summary>
    private long _ownAuditEntry = -1;

    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string FilePath => Path.Combine(options.DataFolder, FileName);

    /// <summary>Signs and writes a checkpoint of each journal whose head moved since the last one; returns how many.</summary>
    public async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _last ??= await ReadLastAsync(cancellationToken).ConfigureAwait(false);
            var heads = await LogbookCheckpoint.CurrentAsync(dbFactory, options.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var moved = heads.Where(h => h.Sequence > 0
                && !(_last.TryGetValue(h.Journal, out var last) && last.Sequence == h.Sequence && last.Head == h.Head)
                && !(h.Journal == Journal.Audit && h.Sequence == _ownAuditEntry)).ToList();
            if (moved.Count == 0)
            {
                return 0;
            }

            var lines = moved.Select(h => SignedCheckpoint.Sign(h, key.Key)).ToList();
            await using (var file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                await using var text = new StreamWriter(file);
                foreach (var line in lines)
                {
                    await text.WriteLineAsync(line.ToLine().AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                await text.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            foreach (var line in lines)
            {
                _last[line.Checkpoint.Journal] = line.Checkpoint;
                LogCheckpoint(logger, line.Checkpoint.Journal, line.Checkpoint.Sequence, line.Checkpoint.Head, line.Checkpoint.Count, line.Signature);
            }

            var summary = string.Join(", ", moved.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Journal} #{h.Sequence} ({h.Count} entries, head {h.Head[..Math.Min(12, h.Head.Length)]}…)")));
            var entry = await writer.AppendAsync(new LogbookDraft(Journal.Audit, AuditCategory.Checkpoint, $"Log book checkpoint signed with the installation's key: {summary}", AuthorName: "Vigie",
                References: $"fichier:{FileName}"), cancellationToken).ConfigureAwait(false);
            _ownAuditEntry = entry.Sequence;
            return moved.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Completes once the pass the host runs at start is over (tests wait for it before counting checkpoints).</summary>
    public Task FirstPass => _firstPass.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loops.RunAsync("logbook-checkpoints", async token =>
        {
            try
            {
                await WriteAsync(token).ConfigureAwait(false);
            }
            finally
            {
                _firstPass.TrySetResult();
            }
        }, Interval, stoppingToken);

    /// <summary>A last checkpoint as the host stops, so that what was written up to the stop is anchored too.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or UnauthorizedAccessException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            LogFinalFailed(logger, ex);
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>The latest checkpoint of each journal in the file (a restart does not sign the same heads again).</summary>
    private async Task<Dictionary<Journal, LogbookCheckpoint>> ReadLastAsync(CancellationToken cancellationToken)
    {
        var last = new Dictionary<Journal, LogbookCheckpoint>();
        if (!File.Exists(FilePath))
        {
            return last;
        }

        foreach (var line in await File.ReadAllLinesAsync(FilePath, cancellationToken).ConfigureAwait(false))
        {
            if (SignedCheckpoint.FromLine(line) is { } signed && signed.IsSignedBy(key.Key)
                && (!last.TryGetValue(signed.Checkpoint.Journal, out var known) || signed.Checkpoint.Sequence >= known.Sequence))
            {
                last[signed.Checkpoint.Journal] = signed.Checkpoint;
            }
        }

        return last;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log book checkpoint: {Journal} #{Sequence} head {Head}, {Count} entries, signature {Signature}")]
    private static partial void LogCheckpoint(ILogger logger, Journal journal, long sequence, string head, long count, string signature);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last log book checkpoint at stop could not be written; the previous one stands")]
    private static partial void LogFinalFailed(ILogger logger, Exception exception);
}
