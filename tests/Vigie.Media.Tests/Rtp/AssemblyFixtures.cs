using Vigie.Media.Tests.Rtp;

// Encoding with libx265 takes seconds: do it once per test run, shared by every RTP test class.
[assembly: AssemblyFixture(typeof(FfmpegStreams))]
