using Vigie.Media.Ingest;

namespace Vigie.Media.Mp4;

/// <summary>
/// A fragment sink that takes each fragment as its header (moof + mdat header) and the frames whose bytes
/// form the mdat payload, in order, instead of one contiguous copy: a file writer hands them to the kernel
/// in one gather write (pwritev), so the muxer keeps no fragment-sized buffer per camera (≈ 256–512 KiB at
/// 2 Mbit/s) and the frames are copied once, into the page cache, instead of twice.
/// <see cref="IMp4FragmentSink.OnFragment(ReadOnlySpan{byte}, in Mp4FragmentInfo)"/> is not called for it.
/// </summary>
public interface IMp4SampleSink : IMp4FragmentSink
{
    /// <summary>
    /// A complete fragment: <paramref name="header"/> then each sample's <see cref="AccessUnit.Data"/>.
    /// Both are valid only during the call.
    /// </summary>
    void OnFragment(ReadOnlyMemory<byte> header, ReadOnlySpan<AccessUnit> samples, in Mp4FragmentInfo info);
}
