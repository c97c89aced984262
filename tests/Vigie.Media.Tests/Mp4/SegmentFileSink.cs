using Vigie.Media.Codecs;
using Vigie.Media.Mp4;

namespace Vigie.Media.Tests.Mp4;

/// <summary>What a recorder does with the fragmenter's output: one file per segment, i.e. per init.</summary>
internal sealed class SegmentFileSink(string directory) : IMp4FragmentSink, IDisposable
{
    private FileStream? _file;

    public List<string> Files { get; } = [];

    public List<Mp4TrackInfo> Tracks { get; } = [];

    /// <summary>Fragment infos per segment file.</summary>
    public List<List<Mp4FragmentInfo>> Fragments { get; } = [];

    public void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters)
    {
        _file?.Dispose();
        var path = Path.Combine(directory, $"segment-{Files.Count}.mp4");
        _file = new FileStream(path, FileMode.CreateNew);
        _file.Write(initSegment);
        Files.Add(path);
        Tracks.Add(track);
        Fragments.Add([]);
    }

    public void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info)
    {
        Assert.NotNull(_file);
        Assert.Equal(info.StartOffset, _file.Position);
        _file.Write(fragment);
        Fragments[^1].Add(info);
    }

    public void Dispose() => _file?.Dispose();
}
