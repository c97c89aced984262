using Vigie.Analytics.Detectors;
using Vigie.Analytics.Motion;
using Vigie.Testing;

namespace Vigie.Analytics.Tests;

/// <summary>
/// The ONNX detector through ONNX Runtime on a tiny YOLO-style model the tests write (<see cref="TinyDetectorModel"/>:
/// a 4×4 grid of cells, a bright cell is an object): the picture cut round the motion and scaled into the model,
/// both output layouts, the class names, the boxes brought back to the frame, and the models it refuses.
/// </summary>
public sealed class OnnxDetectorTests : IDisposable
{
    private const int Width = 320;
    private const int Height = 180;
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("vigie-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_bright_object_is_found_where_it_is_as_a_person_with_the_names_from_the_model()
    {
        using var model = OnnxModel.Load(Write("v5.onnx", TinyDetectorModel.Build(TinyModelLayout.RowsWithObjectness, ["person", "car"], classIndex: 0)));
        Assert.Equal(["person", "car"], model.Classes);
        using var detector = new OnnxDetector(model);
        var block = new Box(200, 60, 40, 40);

        var found = detector.Detect(Frame(block), [block]);

        var people = found.Where(d => d.Class == ObjectClass.Person && d.Score > 0.9).ToList();
        Assert.NotEmpty(people);
        // The model's cells are 16 input pixels, 24 frame pixels here (a 96-px square cut round the block): each box
        // found lies on the block, within one cell.
        Assert.All(people, p => Assert.True(p.Box.X >= block.X - 24 && p.Box.X + p.Box.Width <= block.X + block.Width + 24
            && p.Box.Y >= block.Y - 24 && p.Box.Y + p.Box.Height <= block.Y + block.Height + 24, $"{p.Box} is off the block {block}"));
        Assert.Contains(people, p => p.Box.Overlap(new Box(block.X + 10, block.Y + 10, 20, 20)) > 0);
        // The region is explained by the model: no shape-classed object for it.
        Assert.DoesNotContain(found, d => d.Score <= 0.3);
    }

    [Fact]
    public void A_dark_region_gives_nothing_from_the_model_and_stays_an_object_classed_by_its_shape()
    {
        using var model = OnnxModel.Load(Write("v5.onnx", TinyDetectorModel.Build(TinyModelLayout.RowsWithObjectness, ["person", "car"], classIndex: 0)));
        using var detector = new OnnxDetector(model);
        var region = new Box(40, 40, 20, 50);

        var found = detector.Detect(Frame(block: null), [region]);

        var only = Assert.Single(found);
        Assert.Equal(region, only.Box);
        Assert.Equal(0.3, only.Score);
    }

    [Fact]
    public void The_transposed_output_without_objectness_is_read_and_a_car_is_a_vehicle()
    {
        using var model = OnnxModel.Load(Write("v8.onnx", TinyDetectorModel.Build(TinyModelLayout.ColumnsWithoutObjectness, ["person", "bicycle", "car"], classIndex: 2)));
        using var detector = new OnnxDetector(model);
        // Near the frame's corner: the square is pushed back inside the frame, the boxes still land on the block.
        var block = new Box(270, 130, 45, 45);

        var found = detector.Detect(Frame(block), [block]);

        var vehicles = found.Where(d => d.Class == ObjectClass.Vehicle && d.Score > 0.9).ToList();
        Assert.NotEmpty(vehicles);
        Assert.All(vehicles, v => Assert.True(v.Box.Overlap(block) > 0, $"{v.Box} is off the block {block}"));
        Assert.DoesNotContain(found, d => d.Class == ObjectClass.Person);
    }

    [Fact]
    public void Without_names_in_the_model_the_classes_are_coco_s_and_a_whole_frame_is_letterboxed()
    {
        using var model = OnnxModel.Load(Write("coco.onnx", TinyDetectorModel.Build(TinyModelLayout.RowsWithObjectness, names: null, classIndex: 0)));
        Assert.Equal(80, model.Classes.Count);
        Assert.Equal("person", model.Classes[0]);
        using var detector = new OnnxDetector(model);
        // The whole frame goes in, letterboxed (grey bands above and below), and the boxes come back through the bands.
        var block = new Box(80, 40, 160, 110);

        var found = detector.Detect(Frame(block), [new Box(0, 0, Width, Height)]);

        var people = found.Where(d => d.Class == ObjectClass.Person && d.Score > 0.9).ToList();
        Assert.NotEmpty(people);
        Assert.All(people, p => Assert.True(p.Box.Overlap(block) > 0, $"{p.Box} is off the block {block}"));
    }

    [Fact]
    public void Files_that_are_not_a_detector_are_refused_naming_why()
    {
        var missing = Assert.Throws<DetectorModelException>(() => OnnxModel.Load(Path.Combine(_folder, "none.onnx")));
        Assert.Contains("no model file", missing.Message, StringComparison.Ordinal);

        var garbage = Assert.Throws<DetectorModelException>(() => OnnxModel.Load(Write("garbage.onnx", "this is not a model"u8.ToArray())));
        Assert.Contains("not a model ONNX Runtime can load", garbage.Message, StringComparison.Ordinal);

        var flat = Assert.Throws<DetectorModelException>(() => OnnxModel.Load(Write("flat.onnx", TinyDetectorModel.BuildWithFlatInput())));
        Assert.Contains("one picture of floats [1, 3, H, W]", flat.Message, StringComparison.Ordinal);

        // Two class names given for a model scoring three: its output does not fit them.
        var names = Assert.Throws<DetectorModelException>(() => OnnxModel.Load(Write("v8.onnx", TinyDetectorModel.Build(TinyModelLayout.ColumnsWithoutObjectness, names: null, classIndex: 0)), ["person", "car"]));
        Assert.Contains("does not fit 2 classes", names.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A dark, slightly textured frame with a bright block.</summary>
    private static GrayFrame Frame(Box? block)
    {
        var pixels = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var inside = block is { } b && x >= b.X && x < b.X + b.Width && y >= b.Y && y < b.Y + b.Height;
                pixels[(y * Width) + x] = (byte)(inside ? 235 : 20 + ((x * 7 + y * 13) % 11));
            }
        }

        return new GrayFrame(Width, Height, pixels, T0);
    }
}
