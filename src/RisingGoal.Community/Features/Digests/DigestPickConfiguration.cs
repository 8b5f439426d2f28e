using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Digests;

internal sealed class DigestPickConfiguration : IEntityTypeConfiguration<DigestPick>
{
    public void Configure(EntityTypeBuilder<DigestPick> builder)
    {
        builder.ToTable("DigestPicks");
        builder.HasIndex(p => new { p.TagId, p.PeriodStartUtc }).IsUnique();
        builder.HasOne<Tag>().WithMany().HasForeignKey(p => p.TagId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.ChosenBy).HasMaxLength(450).IsRequired();
    }
}
