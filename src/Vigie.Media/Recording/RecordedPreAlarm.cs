using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;

namespace Vigie.Media.Recording;

/// <summary>
/// The pre-alarm clip of a recorded camera (last N seconds, default 10 s) without keeping the frames in
/// memory: the recorder writes every frame to its segment file within a fragment (≈ 1 s), so this keeps
/// only an index — timestamp, flags, parameter sets, file and offset of each frame — and reads the clip
/// back from the files (from the page cache: they were just written). Frames still pending in the
/// muxer's current fragment are shared with it (retained, no copy) until their fragment is written.
/// Memory per camera: ≈ 80 bytes per frame plus the pending fragment, instead of the window's bytes
/// (≈ 2.5 MB at 2 Mbit/s); see decision 0011.
/// <para>
/// Fed by <see cref="SegmentWriter"/> on the camera's ingest thread (frames the muxer accepted, then the
/// fragments written); clips are taken from any thread. Like <see cref="PreAlarmBuffer"/> it drops whole
/// GOPs from the front while the next GOP alone covers the window, so a clip always starts at a keyframe.
/// A frame whose file cannot be read (deleted, disk error) is left out, and the clip resumes at the next
/// keyframe so that it stays decodable.
/// </para>
/// </summary>
public sealed class RecordedPreAlarm : IPreAlarmClipSource, IDisposable
{
    private readonly long _window;
    private readonly Lock _lock = new();
    /// <summary>Oldest first: <c>[0, _written)</c> are on disk, <c>[_written, Count)</c> pending in the muxer.</summary>
    private readonly List<PreAlarmEntry> _entries = new(512);
    private int _written;
    /// <summary>Frames the muxer holds ahead of the tracked pending ones that this buffer no longer tracks (trimmed, or before a keyframe).</summary>
    private int _untracked;
    private bool _disposed;

    public RecordedPreAlarm(TimeSpan? window = null)
    {
        _window = PreAlarmBuffer.WindowTicks(window);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Frames whose bytes this buffer holds in memory now (those not yet written to a file).</summary>
    public int FramesInMemory
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count - _written;
            }
        }
    }

    public IReadOnlyList<AccessUnit> TakeClip()
    {
        PreAlarmEntry[] entries;
        Dictionary<RecordedFile, SafeFileHandle?> handles = [];
        lock (_lock)
        {
            entries = [.. _entries];
            for (var i = 0; i < entries.Length; i++)
            {
                if (entries[i].Unit is { } unit)
                {
                    entries[i].Unit = unit.Retain();
                }
                else if (entries[i].File is { } file && !handles.ContainsKey(file))
                {
                    // Opened under the lock: the writer renames a completed segment under the file's own lock.
                    handles[file] = file.TryOpen();
                }
            }
        }

        try
        {
            return Read(entries, handles);
        }
        finally
        {
            foreach (var handle in handles.Values)
            {
                handle?.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            RemoveFront(_entries.Count);
        }
    }

    /// <summary>The muxer accepted <paramref name="unit"/> into its current fragment (it will be written in this order).</summary>
    internal void OnAccepted(AccessUnit unit)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (_entries.Count == 0 && !unit.IsKeyframe)
            {
                _untracked++;
                return;
            }

            _entries.Add(new PreAlarmEntry(unit.Retain()));
            Trim(unit.DecodeTimestamp);
        }
    }

    /// <summary>
    /// The muxer's oldest <see cref="Mp4FragmentInfo.SampleCount"/> pending frames are now in
    /// <paramref name="file"/>: the fragment's samples end at <see cref="Mp4FragmentInfo.EndOffset"/>
    /// (the mdat is last), so offsets are found from the end, whatever frames this buffer did not track.
    /// </summary>
    internal void OnWritten(RecordedFile file, in Mp4FragmentInfo info)
    {
        lock (_lock)
        {
            var samples = info.SampleCount;
            var skipped = Math.Min(_untracked, samples);
            _untracked -= skipped;
            var tracked = Math.Min(samples - skipped, _entries.Count - _written);
            var entries = CollectionsMarshal.AsSpan(_entries).Slice(_written, tracked);
            var end = info.EndOffset;
            for (var i = entries.Length - 1; i >= 0; i--)
            {
                ref var entry = ref entries[i];
                end -= entry.Length;
                entry.File = file;
                entry.Offset = end;
                entry.Unit?.Release();
                entry.Unit = null;
            }

            _written += tracked;
        }
    }

    /// <summary>
    /// The muxer's oldest <paramref name="sampleCount"/> pending frames never reached a file (write error):
    /// they and everything older are dropped, then frames up to the next keyframe, which no longer decode.
    /// </summary>
    internal void OnNotWritten(int sampleCount)
    {
        lock (_lock)
        {
            var skipped = Math.Min(_untracked, sampleCount);
            _untracked -= skipped;
            var lost = Math.Min(sampleCount - skipped, _entries.Count - _written);
            RemoveFront(_written + lost);
            var undecodable = 0;
            while (undecodable < _entries.Count && !_entries[undecodable].IsKeyframe)
            {
                undecodable++;
            }

            RemoveFront(undecodable);
        }
    }

    private static List<AccessUnit> Read(PreAlarmEntry[] entries, Dictionary<RecordedFile, SafeFileHandle?> handles)
    {
        var clip = new List<AccessUnit>(entries.Length);
        var waitForKeyframe = false;
        foreach (var entry in entries)
        {
            if (waitForKeyframe && !entry.IsKeyframe)
            {
                entry.Unit?.Release();
                continue;
            }

            var unit = entry.Unit ?? ReadFrame(entry, entry.File is { } file ? handles[file] : null);
            waitForKeyframe = unit is null;
            if (unit is not null)
            {
                clip.Add(unit);
            }
        }

        return clip;
    }

    private static AccessUnit? ReadFrame(in PreAlarmEntry entry, SafeFileHandle? handle)
    {
        if (handle is null)
        {
            return null;
        }

        var buffer = FrameBufferPool.Instance.Rent(Math.Max(1, entry.Length));
        try
        {
            var got = 0;
            while (got < entry.Length)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(got, entry.Length - got), entry.Offset + got);
                if (read == 0)
                {
                    FrameBufferPool.Instance.Return(buffer);
                    return null;
                }

                got += read;
            }
        }
        catch (IOException)
        {
            FrameBufferPool.Instance.Return(buffer);
            return null;
        }

        return AccessUnit.FromPooled(buffer, entry.Length, entry.Codec, entry.Timestamp, entry.IsKeyframe, entry.Parameters, entry.WallClock, entry.ReceivedAt)
            .WithDecodeTimestamp(entry.DecodeTimestamp);
    }

    /// <summary>Drops whole GOPs from the front while the next GOP alone still covers the window.</summary>
    private void Trim(long newest)
    {
        while (_entries.Count > 1)
        {
            var next = 1;
            while (next < _entries.Count && !_entries[next].IsKeyframe)
            {
                next++;
            }

            if (next == _entries.Count || newest - _entries[next].DecodeTimestamp < _window)
            {
                return;
            }

            RemoveFront(next);
        }
    }

    /// <summary>
    /// Removes the <paramref name="count"/> oldest entries. A pending one removed stays in the muxer:
    /// it becomes untracked, so the next <see cref="OnWritten"/> still lines frames up with the file.
    /// </summary>
    private void RemoveFront(int count)
    {
        if (count <= 0)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            _entries[i].Unit?.Release();
        }

        var pendingRemoved = Math.Max(0, count - _written);
        _untracked += pendingRemoved;
        _written = Math.Max(0, _written - count);
        _entries.RemoveRange(0, count);
    }
}
