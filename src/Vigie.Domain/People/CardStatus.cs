namespace Vigie.Domain.People;

/// <summary>State of a person's CNAPS professional card on a given day.</summary>
public enum CardStatus
{
    /// <summary>No card is recorded and the role does not need one.</summary>
    NotRequired,

    Valid,

    /// <summary>Valid, but expires within <see cref="ProfessionalCard.WarningDays"/> days.</summary>
    ExpiresSoon,

    Expired,

    /// <summary>The role needs a card and none is recorded.</summary>
    Missing,
}
