using Vigie.Server.Components.Shared;

namespace Vigie.Server.Tests.Components;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(0.2, "< 1 s")]
    [InlineData(42, "42 s")]
    [InlineData(59.6, "1 min 00 s")]
    [InlineData(125, "2 min 05 s")]
    [InlineData(3600, "1 h 00 min")]
    [InlineData(85_200, "23 h 40 min")]
    [InlineData(90_000, "25 h 00 min")]
    public void Durations_read_in_the_largest_useful_units(double seconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(seconds));

    [Fact]
    public void Sizes_are_megabytes_with_one_decimal_in_the_consoles_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal("2,5", DurationText.Megabytes(2_500_000));
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en");
            Assert.Equal("1,234.6", DurationText.Megabytes(1_234_567_890));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
