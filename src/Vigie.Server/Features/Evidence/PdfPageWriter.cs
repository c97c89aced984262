using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Vigie.Server.Features.Evidence;

/// <summary>Writes top to bottom on A4 pages, starting a new page when one is full.</summary>
internal sealed class PdfPageWriter(PdfDocument document)
{
    private const double Margin = 50;
    private readonly XFont _title = new(PdfFonts.Family, 16, XFontStyleEx.Bold);
    private readonly XFont _heading = new(PdfFonts.Family, 12, XFontStyleEx.Bold);
    private readonly XFont _text = new(PdfFonts.Family, 10, XFontStyleEx.Regular);
    private readonly XFont _small = new(PdfFonts.Family, 8, XFontStyleEx.Regular);
    private PdfPage? _page;
    private XGraphics? _graphics;
    private double _y;

    /// <summary>The text width of an A4 page (PDFsharp's default page).</summary>
    private double Width => (_page?.Width.Point ?? 595.28) - (2 * Margin);

    public void Title(string text) => Write(text, _title, 24);

    public void Heading(string text)
    {
        Gap();
        Write(text, _heading, 18);
    }

    public void Line(string text) => Write(text, _text, 14);

    public void Small(string text) => Write(text, _small, 11);

    public void Field(string name, string value) => Write($"{name} : {value}", _text, 14);

    public void Gap() => _y += 8;

    public void Picture(byte[] picture)
    {
        using var stream = new MemoryStream(picture);
        using var image = XImage.FromStream(stream);
        var width = Math.Min(Width, 240);
        var height = width * image.PixelHeight / image.PixelWidth;
        Room(height + 6);
        _graphics!.DrawImage(image, Margin, _y, width, height);
        _y += height + 6;
    }

    /// <summary>One paragraph, wrapped to the page's width.</summary>
    private void Write(string text, XFont font, double lineHeight)
    {
        var chars = Math.Max(20, (int)(Width / (font.Size * 0.55)));
        var lines = Math.Max(1, (int)Math.Ceiling(text.Length / (double)chars));
        var height = lines * lineHeight;
        Room(height);
        new XTextFormatter(_graphics!).DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, height + lineHeight), XStringFormats.TopLeft);
        _y += height;
    }

    private void Room(double height)
    {
        if (_page is null || _y + height > _page.Height.Point - Margin)
        {
            _graphics?.Dispose();
            _page = document.AddPage();
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }
    }

    public void Close() => _graphics?.Dispose();

    /// <summary>
    /// A horizontal bar chart of percentages (availability): one row per label, the bar green at or above
    /// <paramref name="good"/>, orange above <paramref name="poor"/>, red below, the figure written after it.
    /// </summary>
    public void Bars(IReadOnlyList<(string Label, double? Percent)> rows, double good = 99, double poor = 95)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const double row = 14, labelWidth = 170, barHeight = 9;
        var barWidth = Width - labelWidth - 60;
        foreach (var (label, percent) in rows)
        {
            Room(row);
            var text = label.Length > 34 ? label[..33] + "…" : label;
            _graphics!.DrawString(text, _small, XBrushes.Black, new XRect(Margin, _y, labelWidth - 4, row), XStringFormats.CenterLeft);
            _graphics.DrawRectangle(new XPen(XColors.LightGray, 0.5), Margin + labelWidth, _y + 2, barWidth, barHeight);
            if (percent is { } p)
            {
                var brush = p >= good ? new XSolidBrush(XColor.FromArgb(47, 158, 68)) : p >= poor ? new XSolidBrush(XColor.FromArgb(240, 140, 0)) : new XSolidBrush(XColor.FromArgb(224, 49, 49));
                _graphics.DrawRectangle(brush, Margin + labelWidth, _y + 2, barWidth * Math.Clamp(p, 0, 100) / 100, barHeight);
            }

            _graphics.DrawString(percent is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + " %" : "—", _small, XBrushes.Black,
                new XRect(Margin + labelWidth + barWidth + 4, _y, 56, row), XStringFormats.CenterLeft);
            _y += row;
        }
    }
}
