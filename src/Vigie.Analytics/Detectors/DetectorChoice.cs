namespace Vigie.Analytics.Detectors;

/// <summary>
/// The object detector an installation chose (settings <c>Analytics:Detector</c> and <c>Analytics:Model</c>, or the
/// command line's <c>--detector</c> and <c>--model</c>): <c>hog</c>, OpenCV's people detector (the default);
/// <c>onnx</c>, a YOLO-style model file an administrator gives (loaded once, shared by every camera); <c>none</c>,
/// moving regions classed by their shape. When the chosen one cannot be had, <see cref="Problem"/> says why and
/// cameras get no detector: analytics go on with shape classes rather than stop.
/// </summary>
public sealed class DetectorChoice : IDisposable
{
    public static readonly IReadOnlyList<string> Kinds = ["hog", "onnx", "none"];

    private readonly OnnxModel? _model;

    private DetectorChoice(string kind, OnnxModel? model, string? problem)
    {
        Kind = kind;
        _model = model;
        Problem = problem;
    }

    /// <summary><c>hog</c>, <c>onnx</c> or <c>none</c>.</summary>
    public string Kind { get; }

    /// <summary>Why the chosen detector cannot be used (a library missing, a model refused); null when it can.</summary>
    public string? Problem { get; }

    /// <summary>The detector and, for a model, its file, as logs and the evaluation print it.</summary>
    public string Description => _model is null ? Kind : $"onnx ({Path.GetFileName(_model.Path)}, {_model.InputWidth}×{_model.InputHeight}, {_model.Classes.Count} classes)";

    /// <summary>
    /// The choice named by <paramref name="kind"/> (null: <c>onnx</c> when a model is given, else <c>hog</c>);
    /// throws <see cref="ArgumentException"/> for a kind that is none of <see cref="Kinds"/> or <c>onnx</c> without a model.
    /// </summary>
    /// <param name="classes">Class names by index for a model that carries none.</param>
    public static DetectorChoice Open(string? kind, string? modelPath, IReadOnlyList<string>? classes = null)
    {
        kind = string.IsNullOrWhiteSpace(kind) ? (string.IsNullOrWhiteSpace(modelPath) ? "hog" : "onnx") : kind.Trim().ToLowerInvariant();
        switch (kind)
        {
            case "none":
                return new DetectorChoice(kind, null, null);
            case "hog":
                using (var probe = HogPeopleDetector.TryCreate(out var problem))
                {
                    return new DetectorChoice(kind, null, problem is null ? null : $"OpenCV's people detector cannot be loaded ({problem})");
                }

            case "onnx" when string.IsNullOrWhiteSpace(modelPath):
                throw new ArgumentException("the onnx detector needs a model file (Analytics:Model, or --model)");
            case "onnx":
                try
                {
                    return new DetectorChoice(kind, OnnxModel.Load(modelPath!, classes), null);
                }
                catch (DetectorModelException ex)
                {
                    return new DetectorChoice(kind, null, $"the detection model cannot be used: {ex.Message}");
                }

            default:
                throw new ArgumentException($"unknown detector '{kind}': {string.Join(", ", Kinds)}");
        }
    }

    /// <summary>A detector for one camera, or null (none chosen, or <see cref="Problem"/>).</summary>
    public IObjectDetector? ForCamera()
    {
        if (Problem is not null)
        {
            return null;
        }

        return Kind switch
        {
            "hog" => HogPeopleDetector.TryCreate(out _),
            "onnx" => new OnnxDetector(_model!),
            _ => null,
        };
    }

    public void Dispose() => _model?.Dispose();
}
