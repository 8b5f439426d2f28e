using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.Browse.Counts;

/// <summary>
/// A kept count of published cases: those carrying one tag (<see cref="PairTagId"/> 0, each case once) or one drift
/// type × tension pair (a cell of the home matrix), grouped by the instant from which visitors may see them
/// (<see cref="CaseAudience"/>). Kept in step by <see cref="CaseCountsEffect"/> in the transaction of every write, and
/// recomputed by <see cref="CaseCountsRepair"/>, so no request counts cases.
/// </summary>
public sealed class CaseCount(int tagId, int pairTagId, DateTime opensUtc, int count)
{
    public int TagId { get; private set; } = tagId;

    /// <summary>The tension of a matrix cell whose <see cref="TagId"/> is the drift type; 0 for the tag alone.</summary>
    public int PairTagId { get; private set; } = pairTagId;

    /// <summary>Visitors see these cases from this instant (<see cref="CaseAudience"/>); members see them all.</summary>
    public DateTime OpensUtc { get; private set; } = opensUtc;

    public int Count { get; private set; } = count;
}

/// <summary>
/// Who may count a case, as one instant, the same rule as <see cref="CaseQueries.VisibleTo"/>: a public case opens to
/// visitors at <see cref="Always"/>, a members-only case at the end of its members-only period or <see cref="Never"/>;
/// an unpublished case is counted for nobody (null). Visitors add up the rows opened by now, members all of them.
/// A period that ends changes no row: the row's instant simply passes.
/// </summary>
public static class CaseAudience
{
    public static readonly DateTime Always = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    public static readonly DateTime Never = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

    public static DateTime? OpensUtc(CaseStatus status, CaseVisibility visibility, DateTime? membersOnlyUntilUtc) =>
        status != CaseStatus.Published ? null
        : visibility == CaseVisibility.Public ? Always
        : membersOnlyUntilUtc ?? Never;
}

internal sealed class CaseCountConfiguration : IEntityTypeConfiguration<CaseCount>
{
    public void Configure(EntityTypeBuilder<CaseCount> builder)
    {
        builder.ToTable("CaseCounts");
        builder.HasKey(c => new { c.TagId, c.PairTagId, c.OpensUtc });
    }
}
