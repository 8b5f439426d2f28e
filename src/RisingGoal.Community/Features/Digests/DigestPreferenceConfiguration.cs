using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Digests;

internal sealed class DigestPreferenceConfiguration : IEntityTypeConfiguration<DigestPreference>, IEntityTypeConfiguration<DigestFollowedTag>
{
    public void Configure(EntityTypeBuilder<DigestPreference> builder)
    {
        builder.ToTable("DigestPreferences");
        builder.HasKey(p => p.MemberId);
        builder.HasOne<Member>().WithOne().HasForeignKey<DigestPreference>(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.FollowedTags).WithOne().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.FollowedTags).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(p => p.LastOutcome).HasMaxLength(200);
        // The planner reads due digests in (due instant, member) order after a cursor: this index gives that order, so a
        // batch is the next rows of the index, not a sort of every row still due.
        builder.HasIndex(p => new { p.NextDigestDueUtc, p.MemberId });
    }

    public void Configure(EntityTypeBuilder<DigestFollowedTag> builder)
    {
        builder.ToTable("DigestFollowedTags");
        builder.HasKey(t => new { t.MemberId, t.TagId });
        builder.HasOne<Tag>().WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
