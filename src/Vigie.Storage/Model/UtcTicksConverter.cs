using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vigie.Storage.Model;

/// <summary>Stores an instant as its UTC ticks; reads it back with a zero offset.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
