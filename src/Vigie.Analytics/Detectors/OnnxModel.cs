using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Vigie.Analytics.Detectors;

/// <summary>A model file that cannot serve as a detector, with why in words an administrator can act on.</summary>
public sealed class DetectorModelException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// An object detection model an administrator gives as an ONNX file, loaded once and shared by every camera's
/// <see cref="OnnxDetector"/> (ONNX Runtime's sessions may run from several threads). What is accepted is the output
/// of the YOLO family as exported by their tools: one picture in, <c>[1, 3, H, W]</c>, RGB in 0–1; one tensor out,
/// a row per candidate box of <c>cx, cy, w, h</c> in the input's pixels then, YOLOv5-style, an objectness and a score
/// per class (<c>[1, N, 5 + C]</c>), or, YOLOv8-style, the scores alone and the tensor transposed
/// (<c>[1, 4 + C, N]</c>). Class names come from the model's <c>names</c> metadata (Ultralytics writes it), else
/// from the settings, else COCO's 80 in order.
/// </summary>
public sealed partial class OnnxModel : IDisposable
{
    /// <summary>When the input's size is not fixed in the model, pictures are given at this size.</summary>
    public const int DefaultInputSize = 640;

    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();

    private OnnxModel(InferenceSession session, string path, int inputWidth, int inputHeight, IReadOnlyList<string> classes)
    {
        _session = session;
        Path = path;
        InputWidth = inputWidth;
        InputHeight = inputHeight;
        Classes = classes;
        InputName = session.InputMetadata.Keys.Single();
        OutputName = session.OutputMetadata.Keys.First();
    }

    public string Path { get; }

    public int InputWidth { get; }

    public int InputHeight { get; }

    /// <summary>The class of each score column, by its index.</summary>
    public IReadOnlyList<string> Classes { get; }

    internal string InputName { get; }

    internal string OutputName { get; }

    /// <summary>
    /// Loads and checks the model; throws <see cref="DetectorModelException"/> naming what is wrong (no file, not a
    /// model, an input that is not one picture, an output that is not boxes).
    /// </summary>
    /// <param name="classes">Class names by index, when the model carries none.</param>
    public static OnnxModel Load(string path, IReadOnlyList<string>? classes = null)
    {
        if (!File.Exists(path))
        {
            throw new DetectorModelException($"no model file at {path}");
        }

        InferenceSession session;
        try
        {
            // One thread per inference: each camera analyses on a task of its own, and the host runs many cameras.
            using var settings = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            session = new InferenceSession(path, settings);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new DetectorModelException($"{path} is not a model ONNX Runtime can load ({FirstLine(ex.Message)})", ex);
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or BadImageFormatException)
        {
            throw new DetectorModelException($"ONNX Runtime cannot be loaded ({FirstLine(ex.InnerException?.Message ?? ex.Message)})", ex);
        }

        try
        {
            var (width, height) = CheckInput(session);
            var names = classes is { Count: > 0 } ? classes : NamesFromMetadata(session) ?? CocoClasses;
            CheckOutput(session, names.Count);
            return new OnnxModel(session, path, width, height, names);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The model's output for one picture (<c>[1, 3, H, W]</c>, planar RGB 0–1): its values and shape.</summary>
    internal (float[] Values, long[] Shape) Run(float[] picture)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(picture, [1, 3, InputHeight, InputWidth]);
        using var outputs = _session.Run(_run, [InputName], [input], [OutputName]);
        var output = outputs[0];
        return (output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }

    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }

    private static (int Width, int Height) CheckInput(InferenceSession session)
    {
        if (session.InputMetadata.Count != 1)
        {
            throw new DetectorModelException($"the model takes {session.InputMetadata.Count} inputs; a detector takes one picture [1, 3, H, W]");
        }

        var (name, input) = session.InputMetadata.Single();
        var dims = input.Dimensions;
        if (input.ElementDataType != TensorElementType.Float || dims.Length != 4 || (dims[1] != 3 && dims[1] > 0))
        {
            throw new DetectorModelException($"the model's input {name} is {input.ElementDataType} [{string.Join(", ", dims)}]; a detector takes one picture of floats [1, 3, H, W]");
        }

        return (dims[3] > 0 ? dims[3] : DefaultInputSize, dims[2] > 0 ? dims[2] : DefaultInputSize);
    }

    private static void CheckOutput(InferenceSession session, int classes)
    {
        var (name, output) = session.OutputMetadata.First();
        var dims = output.Dimensions;
        if (output.ElementDataType != TensorElementType.Float || dims.Length != 3)
        {
            throw new DetectorModelException($"the model's output {name} is {output.ElementDataType} [{string.Join(", ", dims)}]; a YOLO-style detector gives floats [1, N, 5 + classes] or [1, 4 + classes, N]");
        }

        // Sizes unknown until it runs are checked on the first picture.
        if (dims[1] > 0 && dims[2] > 0)
        {
            _ = BoxLayout.Of([.. dims.Select(d => (long)d)], classes);
        }
    }

    /// <summary>Ultralytics' metadata: <c>names</c> = <c>{0: 'person', 1: 'bicycle', …}</c>.</summary>
    private static List<string>? NamesFromMetadata(InferenceSession session)
    {
        if (!session.ModelMetadata.CustomMetadataMap.TryGetValue("names", out var text))
        {
            return null;
        }

        var names = NameEntry().Matches(text)
            .Select(m => (Index: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Name: m.Groups[2].Value))
            .OrderBy(e => e.Index)
            .ToList();
        return names.Count > 0 && names.Select((e, i) => e.Index == i).All(ok => ok) ? [.. names.Select(e => e.Name)] : null;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"(\d+)\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex NameEntry();

    /// <summary>COCO's classes in the order YOLO models trained on it give their scores.</summary>
    public static readonly IReadOnlyList<string> CocoClasses =
    [
        "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
        "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
        "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
        "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
        "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
        "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant", "bed",
        "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave", "oven",
        "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier", "toothbrush",
    ];
}

/// <summary>How a YOLO-style output lays out its candidates: rows or columns, with or without an objectness.</summary>
internal readonly record struct BoxLayout(int Candidates, int Values, bool Transposed, bool Objectness)
{
    /// <summary>The layout of an output of <paramref name="shape"/> for <paramref name="classes"/> classes, or why none fits.</summary>
    public static BoxLayout Of(long[] shape, int classes)
    {
        if (shape.Length == 3 && shape[0] == 1)
        {
            var (a, b) = ((int)shape[1], (int)shape[2]);
            if (b == 5 + classes)
            {
                return new BoxLayout(a, b, Transposed: false, Objectness: true);
            }

            if (b == 4 + classes)
            {
                return new BoxLayout(a, b, Transposed: false, Objectness: false);
            }

            if (a == 4 + classes)
            {
                return new BoxLayout(b, a, Transposed: true, Objectness: false);
            }

            if (a == 5 + classes)
            {
                return new BoxLayout(b, a, Transposed: true, Objectness: true);
            }
        }

        throw new DetectorModelException(
            $"the model's output [{string.Join(", ", shape)}] does not fit {classes} classes: a YOLO-style detector gives [1, N, 5 + {classes}] (YOLOv5) or [1, 4 + {classes}, N] (YOLOv8); "
            + "give the class names in the settings when the model does not carry them");
    }

    /// <summary>Value <paramref name="index"/> of candidate <paramref name="candidate"/>.</summary>
    public float At(float[] values, int candidate, int index) =>
        Transposed ? values[(index * Candidates) + candidate] : values[(candidate * Values) + index];
}
