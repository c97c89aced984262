using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Analytics.Detectors;
using Vigie.Analytics.Evaluation;
using Vigie.Analytics.Frames;
using Vigie.Media.Ffmpeg;

namespace Vigie.Analytics.Tests;

/// <summary>Real footage: OpenCV's vtest.avi against the hand-written truth shipped with Vigie.</summary>
public sealed class FootageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_annotated_events_of_vtest_are_found_and_nothing_fires_on_the_empty_lawn()
    {
        using var detector = new HogPeopleDetector();
        var path = Path.Combine(FootageTruth.OpenCvData, "vtest.avi");
        var report = await FootageEvaluation.RunAsync(new FfmpegRunner(NullLogger.Instance), path, FootageTruth.Load("vtest"), new FileAnalysisOptions(), detector, TestContext.Current.CancellationToken);
        foreach (var line in report.Lines())
        {
            output.WriteLine(line);
        }

        var lawn = report.Kinds["lawn"];
        Assert.Equal(0, lawn.False);
        Assert.Equal(2, lawn.Found);
        // Measured 0.96–1.00 at 4 to 6 pictures a second: the floor leaves room for a changed rate, not for a regression.
        Assert.True(report.Scenes["vtest"].F1 >= 0.85, report.Scenes["vtest"].Line("vtest"));
    }

    [Fact]
    public async Task As_a_camera_s_320_px_substream_the_people_are_still_found_and_nothing_fires_on_the_empty_lawn()
    {
        using var detector = new HogPeopleDetector();
        var path = Path.Combine(FootageTruth.OpenCvData, "vtest.avi");
        var report = await FootageEvaluation.RunAsync(new FfmpegRunner(NullLogger.Instance), path, FootageTruth.Load("vtest"), FileAnalysisOptions.Live, detector, TestContext.Current.CancellationToken, label: "vtest-live");
        foreach (var line in report.Lines())
        {
            output.WriteLine(line);
        }

        // Measured 0.87–0.92 at 4 to 6 pictures a second (0.67 before people were enlarged for the detector); the couple
        // walking onto the lawn shoulder to shoulder is one object at that size at 5 and 6 a second.
        Assert.Equal(0, report.Kinds["lawn (vtest-live)"].False);
        Assert.True(report.Kinds["lawn (vtest-live)"].Found >= 1);
        Assert.True(report.Scenes["vtest-live"].F1 >= 0.85, report.Scenes["vtest-live"].Line("vtest-live"));
    }
}
