namespace Vigie.Alarms.Dc09;

/// <summary>
/// Cuts a TCP byte stream into DC-09 frames (LF … CR): several frames in one read, a frame split over
/// many reads, garbage between frames skipped and counted. A frame longer than the cap is discarded up to
/// its CR (or the next LF) and reported once, so a sender cannot make the receiver buffer without limit.
/// Not thread-safe: one per connection.
/// </summary>
public sealed class Dc09FrameSplitter(int maxFrameBytes = Dc09FrameSplitter.DefaultMaxFrameBytes)
{
    /// <summary>Far above any real message (a verification URL included), small enough to bound memory per connection.</summary>
    public const int DefaultMaxFrameBytes = 2048;

    private readonly byte[] _frame = new byte[maxFrameBytes];
    private int _length;
    private bool _inFrame;
    private bool _oversized;

    /// <summary>What the splitter found in the input.</summary>
    public interface IHandler
    {
        /// <summary>A complete frame, without its LF and CR; valid during the call only.</summary>
        void OnFrame(ReadOnlySpan<byte> frame);

        /// <summary>Bytes that belong to no frame: garbage before an LF, a frame cut by a new LF, an oversized frame.</summary>
        void OnDiscarded(int bytes, string reason);
    }

    /// <summary>Bytes buffered for a frame not yet complete.</summary>
    public int Pending => _length;

    public void Push(ReadOnlySpan<byte> data, IHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        while (!data.IsEmpty)
        {
            if (!_inFrame)
            {
                var lf = data.IndexOf(Dc09FrameWriter.Lf);
                if (lf < 0)
                {
                    handler.OnDiscarded(data.Length, "bytes outside a frame");
                    return;
                }

                if (lf > 0)
                {
                    handler.OnDiscarded(lf, "bytes outside a frame");
                }

                _inFrame = true;
                _length = 0;
                _oversized = false;
                data = data[(lf + 1)..];
                continue;
            }

            var end = data.IndexOfAny(Dc09FrameWriter.Cr, Dc09FrameWriter.Lf);
            var chunk = end < 0 ? data : data[..end];
            if (!_oversized)
            {
                if (_length + chunk.Length > _frame.Length)
                {
                    _oversized = true;
                    handler.OnDiscarded(_length + chunk.Length, $"frame longer than {_frame.Length} bytes");
                    _length = 0;
                }
                else
                {
                    chunk.CopyTo(_frame.AsSpan(_length));
                    _length += chunk.Length;
                }
            }

            if (end < 0)
            {
                return;
            }

            if (data[end] == Dc09FrameWriter.Cr)
            {
                if (!_oversized)
                {
                    handler.OnFrame(_frame.AsSpan(0, _length));
                }

                _inFrame = false;
                _length = 0;
                data = data[(end + 1)..];
            }
            else
            {
                // A new LF before the CR: the frame in progress was cut short; start again here.
                if (!_oversized && _length > 0)
                {
                    handler.OnDiscarded(_length, "frame cut short by a new LF");
                }

                _length = 0;
                _oversized = false;
                data = data[(end + 1)..];
            }
        }
    }
}
