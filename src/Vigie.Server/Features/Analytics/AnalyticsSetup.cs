using Vigie.Analytics.Detectors;
using Vigie.Server.Hosting;

namespace Vigie.Server.Features.Analytics;

/// <summary>
/// The analytics' settings: <c>Analytics:Detector</c> (hog, the default; onnx; none), <c>Analytics:Model</c> (the ONNX
/// file, relative to the data folder unless absolute) and <c>Analytics:ModelClasses</c> (class names by index,
/// comma-separated, for a model that carries none). A detector name that is none of them stops the host at start
/// naming the setting; a model that cannot be used does not (analytics go on with shape classes and a technical alarm).
/// </summary>
public static class AnalyticsSetup
{
    public static void Add(IServiceCollection services, IConfiguration configuration, VigieHostOptions options)
    {
        var kind = configuration["Analytics:Detector"];
        var model = configuration["Analytics:Model"];
        if (!string.IsNullOrWhiteSpace(kind) && !DetectorChoice.Kinds.Contains(kind.Trim().ToLowerInvariant()))
        {
            throw new ArgumentException($"configuration Analytics:Detector: unknown detector '{kind}': {string.Join(", ", DetectorChoice.Kinds)}");
        }

        if (string.Equals(kind?.Trim(), "onnx", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("configuration Analytics:Detector is onnx: Analytics:Model names the model file");
        }

        var path = string.IsNullOrWhiteSpace(model) ? null : Path.GetFullPath(model, options.DataFolder);
        var classes = configuration["Analytics:ModelClasses"]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        services.AddSingleton(_ => DetectorChoice.Open(kind, path, classes));
    }
}
