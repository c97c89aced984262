using Vigie.Analytics.Motion;

namespace Vigie.Analytics.Tests;

/// <summary>The motion detector on synthetic scenes with exact ground truth: textured background, sensor noise, a walker.</summary>
public sealed class MotionDetectorTests
{
    private const int Width = 320;
    private const int Height = 240;
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_person_sized_object_walking_across_is_boxed_where_it_is_and_a_still_noisy_scene_shows_nothing()
    {
        var detector = new MotionDetector(Width, Height, new MotionOptions());
        var scene = new Scene(seed: 1);
        for (var i = 0; i < 10; i++)
        {
            Assert.False(detector.Process(scene.Frame(i, walker: null)).HasMotion, $"still frame {i}");
        }

        var found = 0;
        for (var i = 0; i < 40; i++)
        {
            var truth = new Box(20 + (i * 6), 100, 16, 40);
            var result = detector.Process(scene.Frame(10 + i, truth));
            if (result.Boxes.Any(b => b.Overlap(truth) > 0.3))
            {
                found++;
            }

            Assert.True(result.Boxes.Count <= 2, $"frame {i}: {result.Boxes.Count} regions");
            Assert.False(result.LightingChange);
        }

        Assert.True(found >= 38, $"the walker was boxed in {found} of 40 frames");
    }

    [Fact]
    public void Lights_switched_on_and_a_passing_cloud_are_not_motion()
    {
        var detector = new MotionDetector(Width, Height, new MotionOptions());
        var scene = new Scene(seed: 2);
        detector.Process(scene.Frame(0, null));
        detector.Process(scene.Frame(1, null));

        // A cloud: the whole picture 25 levels darker, then back.
        Assert.False(detector.Process(scene.Frame(2, null, brightness: -25)).HasMotion);
        Assert.False(detector.Process(scene.Frame(3, null)).HasMotion);
        // Lights switched on in half the picture: a change of most of what is watched is the lighting.
        var lit = detector.Process(scene.Frame(4, null, litLeft: 90));
        Assert.True(lit.LightingChange);
        Assert.False(lit.HasMotion);
        Assert.False(detector.Process(scene.Frame(5, null, litLeft: 90)).HasMotion);
    }

    [Fact]
    public void Motion_in_an_ignored_area_and_a_flicker_below_the_minimum_area_are_not_reported()
    {
        var ignored = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < 100; x++)
            {
                ignored[(y * Width) + x] = 1;
            }
        }

        var detector = new MotionDetector(Width, Height, new MotionOptions(), ignored);
        var scene = new Scene(seed: 3);
        detector.Process(scene.Frame(0, null));
        // A walker inside the ignored band (a road beyond the fence), and a 3×3 flicker elsewhere.
        var result = detector.Process(scene.Frame(1, new Box(30, 80, 16, 40), flicker: new Box(250, 50, 3, 3)));
        Assert.False(result.HasMotion);
        Assert.Equal(0, detector.Moving[(100 * Width) + 35]);

        // The same walker outside the band is seen.
        Assert.True(detector.Process(scene.Frame(2, new Box(150, 80, 16, 40))).HasMotion);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    public void The_vector_loops_give_exactly_what_a_pixel_by_pixel_loop_gives(int length)
    {
        var random = new Random(length + 7);
        var size = (Width * 3) + length;
        var pixels = new byte[size];
        var background = new byte[size];
        var watched = new byte[size];
        random.NextBytes(pixels);
        random.NextBytes(background);
        for (var i = 0; i < size; i++)
        {
            watched[i] = random.Next(4) == 0 ? (byte)0 : byte.MaxValue;
        }

        var moving = new byte[size];
        var count = MotionDetector.Threshold(pixels, background, watched, moving, 28);
        var expected = Enumerable.Range(0, size).Select(i => Math.Abs(pixels[i] - background[i]) > 28 && watched[i] != 0).ToArray();
        Assert.Equal(expected.Count(e => e), count);
        Assert.Equal(expected.Select(e => e ? byte.MaxValue : (byte)0), moving);

        foreach (var offset in new[] { -300, -40, 0, 13, 300 })
        {
            var shifted = new byte[size];
            MotionDetector.Shift(pixels, offset, shifted);
            Assert.Equal(pixels.Select(p => (byte)Math.Clamp(p - offset, 0, 255)), shifted);
        }

        var learned = background.ToArray();
        MotionDetector.Learn(pixels, learned, moving, 2, 1);
        Assert.Equal(background.Select((b, i) => (byte)(b + Math.Clamp(pixels[i] - b, moving[i] != 0 ? -1 : -2, moving[i] != 0 ? 1 : 2))), learned);
    }

    /// <summary>A textured scene with sensor noise; a walker, lighting and flicker drawn on demand.</summary>
    private sealed class Scene(int seed)
    {
        private readonly Random _noise = new(seed);

        public GrayFrame Frame(int index, Box? walker, int brightness = 0, int litLeft = 0, Box? flicker = null)
        {
            var pixels = new byte[Width * Height];
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    // Texture: bricks and gravel, steady from frame to frame.
                    var texture = 90 + ((x / 12 + y / 6) % 2 * 30) + ((x * 7 + y * 13) % 17);
                    var value = texture + brightness + (x < Width * 0.7 ? litLeft : 0) + _noise.Next(-6, 7);
                    if (walker is { } w && x >= w.X && x < w.X + w.Width && y >= w.Y && y < w.Y + w.Height)
                    {
                        value = 30 + ((x + y) % 5) + _noise.Next(-6, 7);
                    }

                    if (flicker is { } f && x >= f.X && x < f.X + f.Width && y >= f.Y && y < f.Y + f.Height)
                    {
                        value = 250;
                    }

                    pixels[(y * Width) + x] = (byte)Math.Clamp(value, 0, 255);
                }
            }

            return new GrayFrame(Width, Height, pixels, T0.AddSeconds(index / 5.0));
        }
    }
}
