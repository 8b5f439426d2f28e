namespace RisingGoal.Community.Features.Moderation;

/// <summary>A member may not post or reply between <see cref="StartsUtc"/> and <see cref="EndsUtc"/>, unless lifted.</summary>
public sealed class Suspension
{
    public const int ReasonMax = 500;

    private Suspension() { }

    public int Id { get; private set; }
    public string MemberId { get; private set; } = "";
    public string? ModeratorId { get; private set; }
    public DateTime StartsUtc { get; private set; }
    public DateTime EndsUtc { get; private set; }
    /// <summary>Told to the member.</summary>
    public string Reason { get; private set; } = "";
    public DateTime? LiftedUtc { get; private set; }

    public bool IsActiveAt(DateTime nowUtc) => LiftedUtc is null && StartsUtc <= nowUtc && nowUtc < EndsUtc;

    public static Suspension Start(string memberId, string moderatorId, TimeSpan period, string reason, DateTime nowUtc) => new()
    {
        MemberId = memberId,
        ModeratorId = moderatorId,
        StartsUtc = nowUtc,
        EndsUtc = nowUtc + period,
        Reason = reason.Trim(),
    };

    public void Lift(DateTime nowUtc) => LiftedUtc ??= nowUtc;
}

public static class Suspensions
{
    /// <summary>The suspensions in force at <paramref name="nowUtc"/>: <see cref="Suspension.IsActiveAt"/> as a query.</summary>
    public static IQueryable<Suspension> ActiveAt(this IQueryable<Suspension> suspensions, DateTime nowUtc) =>
        suspensions.Where(s => s.LiftedUtc == null && s.StartsUtc <= nowUtc && s.EndsUtc > nowUtc);
}
