using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vigie.Domain;

namespace Vigie.Storage.Model;

internal sealed class SiteIdConverter() : ValueConverter<SiteId, Guid>(id => id.Value, value => new SiteId(value));

internal sealed class CameraIdConverter() : ValueConverter<CameraId, Guid>(id => id.Value, value => new CameraId(value));

internal sealed class PersonIdConverter() : ValueConverter<PersonId, Guid>(id => id.Value, value => new PersonId(value));
