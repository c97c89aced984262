using System.Diagnostics;
using System.Globalization;

namespace Vigie.Bench.Recording;

/// <summary>
/// Counts, over the measured window, what a side asks of the kernel: system calls by kind, context switches
/// and CPU time, with `perf stat` attached to its processes (syscall tracepoints; no hardware counter
/// needed, so it works in a VM). Unlike CPU time, these counts hardly move with the machine's load: they
/// compare two builds fairly on a shared machine. Needs root (or perf_event_paranoid ≤ -1) and
/// /sys/kernel/tracing.
/// </summary>
public sealed record KernelCounts(TimeSpan Duration, IReadOnlyDictionary<string, double> Events)
{
    /// <summary>The events counted, shortest name first in the report.</summary>
    public static readonly IReadOnlyList<(string Name, string Event)> Counted =
    [
        ("syscalls", "raw_syscalls:sys_enter"),
        ("recvfrom", "syscalls:sys_enter_recvfrom"),
        ("recvmsg", "syscalls:sys_enter_recvmsg"),
        ("recvmmsg", "syscalls:sys_enter_recvmmsg"),
        ("read", "syscalls:sys_enter_read"),
        ("epoll_wait", "syscalls:sys_enter_epoll_wait"),
        ("epoll_pwait", "syscalls:sys_enter_epoll_pwait"),
        ("epoll_ctl", "syscalls:sys_enter_epoll_ctl"),
        ("futex", "syscalls:sys_enter_futex"),
        ("sched_yield", "syscalls:sys_enter_sched_yield"),
        ("setsockopt", "syscalls:sys_enter_setsockopt"),
        ("sendto", "syscalls:sys_enter_sendto"),
        ("sendmsg", "syscalls:sys_enter_sendmsg"),
        ("write", "syscalls:sys_enter_write"),
        ("writev", "syscalls:sys_enter_writev"),
        ("pwrite64", "syscalls:sys_enter_pwrite64"),
        ("pwritev", "syscalls:sys_enter_pwritev"),
        ("fsync", "syscalls:sys_enter_fsync"),
        ("fdatasync", "syscalls:sys_enter_fdatasync"),
        ("openat", "syscalls:sys_enter_openat"),
        ("clock_nanosleep", "syscalls:sys_enter_clock_nanosleep"),
        ("context-switches", "context-switches"),
        ("task-clock-ms", "task-clock"),
    ];

    /// <summary>Starts `perf stat` on <paramref name="pids"/> for <paramref name="window"/>; null (with a note) when perf cannot.</summary>
    public static async Task<KernelCounts?> MeasureAsync(IReadOnlyList<int> pids, TimeSpan window, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pids);
        if (pids.Count == 0)
        {
            return null;
        }

        var info = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["stat", "-x", ",", "-o", outputPath, "-e", string.Join(',', Counted.Select(c => c.Event)),
            "-p", string.Join(',', pids), "--", "sleep", window.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var perf = Process.Start(info);
        if (perf is null)
        {
            return null;
        }

        var errors = perf.StandardError.ReadToEndAsync(cancellationToken);
        await perf.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await perf.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        if (perf.ExitCode != 0 || !File.Exists(outputPath))
        {
            PhaseRunner.Log($"  perf stat failed ({perf.ExitCode}): {(await errors.ConfigureAwait(false)).Trim()}");
            return null;
        }

        var events = new Dictionary<string, double>();
        foreach (var line in await File.ReadAllLinesAsync(outputPath, cancellationToken).ConfigureAwait(false))
        {
            // value,unit,event,run time,percentage[,metric...]; "<not counted>" or "<not supported>" for missing events.
            var fields = line.Split(',');
            if (fields.Length < 3 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var name = Counted.FirstOrDefault(c => c.Event == fields[2]).Name;
            if (name is not null)
            {
                events[name] = value;
            }
        }

        return new KernelCounts(elapsed, events);
    }

    /// <summary>Per camera-second, the events that happened at all.</summary>
    public IEnumerable<(string Name, double PerCameraSecond)> PerCameraSecond(int cameras) =>
        Counted.Where(c => Events.GetValueOrDefault(c.Name) > 0)
            .Select(c => (c.Name, Events[c.Name] / Math.Max(1, cameras) / Duration.TotalSeconds));
}
