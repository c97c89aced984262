using Vigie.Domain;

namespace Vigie.Server.Export;

/// <summary>
/// One export: what was asked, by whom, and how far it got. Written by the one worker running it, read by
/// the API and the console: the mutable state is behind a lock and read as a <see cref="Snapshot"/>.
/// </summary>
public sealed class ExportJob(Guid id, PersonId requester, string requesterName, IReadOnlyList<ExportCamera> cameras, DateTimeOffset from, DateTimeOffset to, string reason, DateTimeOffset requestedAt)
{
    private readonly Lock _gate = new();
    private readonly List<ExportFile> _files = [];
    private ExportState _state = ExportState.Queued;

    /// <summary>Whether the export finished and its files may be downloaded.</summary>
    public bool IsDone
    {
        get
        {
            lock (_gate)
            {
                return _state == ExportState.Done;
            }
        }
    }
    private double _progress;
    private string? _error;
    private DateTimeOffset? _finishedAt;

    public Guid Id { get; } = id;

    public PersonId Requester { get; } = requester;

    public string RequesterName { get; } = requesterName;

    public IReadOnlyList<ExportCamera> Cameras { get; } = cameras;

    public DateTimeOffset From { get; } = from;

    public DateTimeOffset To { get; } = to;

    public string Reason { get; } = reason;

    public DateTimeOffset RequestedAt { get; } = requestedAt;

    /// <summary>The authority requesting the extraction (a judicial or administrative request), when there is one.</summary>
    public string? Authority { get; init; }

    /// <summary>The requisition or procedure number.</summary>
    public string? Requisition { get; init; }

    /// <summary>The officer who asked.</summary>
    public string? Officer { get; init; }

    /// <summary>A judicial request: its source ranges are put under legal hold, linked to its register entry.</summary>
    public bool Judicial { get; init; }

    /// <summary>The third parties to blur (an access request's redacted export); null for a plain export.</summary>
    public IReadOnlyList<Domain.Privacy.RedactionTrack>? Redactions { get; init; }

    /// <summary>The access request this export answers, when it does.</summary>
    public long? AccessRequestId { get; init; }

    /// <summary>Its number in the extraction register, once the export has started.</summary>
    public long? RegisterNumber { get; set; }


    public IReadOnlyList<ExportFile> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _files];
            }
        }
    }

    public ExportJobDto Snapshot()
    {
        lock (_gate)
        {
            return new ExportJobDto(Id, _state.ToString().ToLowerInvariant(), Math.Round(_progress * 100, 1), Cameras.Select(c => c.Id).ToList(),
                From, To, Reason, RequestedAt, _finishedAt, _error, [.. _files])
            {
                Authority = Authority,
                Requisition = Requisition,
                Officer = Officer,
                Judicial = Judicial,
                RegisterNumber = RegisterNumber,
            };
        }
    }

    internal void Start()
    {
        lock (_gate)
        {
            _state = ExportState.Running;
        }
    }

    internal void Report(double progress)
    {
        lock (_gate)
        {
            _progress = Math.Clamp(progress, _progress, 1);
        }
    }

    internal void AddFile(ExportFile file)
    {
        lock (_gate)
        {
            _files.Add(file);
        }
    }

    /// <summary>A step rewrote file <paramref name="file"/>.Number (masks burned in): the job names the new one.</summary>
    internal void ReplaceFile(ExportFile file)
    {
        lock (_gate)
        {
            _files[file.Number - 1] = file;
        }
    }

    internal void Complete(DateTimeOffset at)
    {
        lock (_gate)
        {
            _state = ExportState.Done;
            _progress = 1;
            _finishedAt = at;
        }
    }

    internal void Fail(string error, DateTimeOffset at)
    {
        lock (_gate)
        {
            _state = ExportState.Failed;
            _error = error;
            _finishedAt = at;
            _files.Clear();
        }
    }
}
