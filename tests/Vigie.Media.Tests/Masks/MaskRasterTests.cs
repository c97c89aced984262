using Vigie.Domain.Cameras;
using Vigie.Media.Masks;

namespace Vigie.Media.Tests.Masks;

public sealed class MaskRasterTests
{
    [Fact]
    public void A_square_hides_exactly_the_pixels_whose_centres_it_covers()
    {
        var map = MaskRaster.Fill([[new(0.25, 0.25), new(0.75, 0.25), new(0.75, 0.75), new(0.25, 0.75)]], 8, 8);

        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                Assert.Equal(x is >= 2 and <= 5 && y is >= 2 and <= 5 ? 255 : 0, map[(y * 8) + x]);
            }
        }
    }

    [Fact]
    public void A_triangle_and_a_concave_shape_fill_by_even_odd_and_the_whole_picture_fills_everything()
    {
        // Right triangle over the lower-left half: pixel (x, y) hidden when its centre is under the diagonal.
        var triangle = MaskRaster.Fill([[new(0, 0), new(0, 1), new(1, 1)]], 10, 10);
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 10; x++)
            {
                Assert.Equal(x + 0.5 < y + 0.5 ? 255 : 0, triangle[(y * 10) + x]);
            }
        }

        // A "U": the notch in the middle stays visible.
        var u = MaskRaster.Fill([[new(0, 0), new(0.3, 0), new(0.3, 0.7), new(0.7, 0.7), new(0.7, 0), new(1, 0), new(1, 1), new(0, 1)]], 10, 10);
        Assert.Equal(0, u[(2 * 10) + 5]);
        Assert.Equal(255, u[(2 * 10) + 1]);
        Assert.Equal(255, u[(9 * 10) + 5]);

        Assert.All(MaskRaster.Fill([[new(0, 0), new(1, 0), new(1, 1), new(0, 1)]], 33, 17), b => Assert.Equal(255, b));
        Assert.All(MaskRaster.Fill([], 4, 4), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_overlay_is_black_and_opaque_where_hidden_transparent_elsewhere()
    {
        var pam = MaskRaster.ToOverlayPam([255, 0, 0, 255], 2, 2);
        var header = "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n";
        Assert.Equal(header, System.Text.Encoding.ASCII.GetString(pam, 0, header.Length));
        Assert.Equal([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255], pam[header.Length..]);
    }
}
