using PdfSharp.Fonts;

namespace Vigie.Server.Features.Evidence;

/// <summary>
/// The fonts of Vigie's PDF documents: DejaVu Sans (Debian's fonts-dejavu-core, installed by scripts/install-deps.sh),
/// given to PDFsharp once per process. PDFsharp embeds the glyphs used, so a document reads the same everywhere.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Folder = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Gives PDFsharp the fonts, once; throws <see cref="InvalidOperationException"/> naming the package when they are missing.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            if (!File.Exists(Path.Combine(Folder, "DejaVuSans.ttf")))
            {
                throw new InvalidOperationException($"the PDF font is missing ({Folder}/DejaVuSans.ttf): install Debian's fonts-dejavu-core (scripts/install-deps.sh does)");
            }

            GlobalFontSettings.FontResolver = new PdfFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));
}
