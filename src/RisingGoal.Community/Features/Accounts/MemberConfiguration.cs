using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RisingGoal.Community.Features.Accounts;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.DisplayName).HasMaxLength(Member.DisplayNameMaxLength).IsRequired();
        builder.Property(m => m.NormalizedDisplayName).HasMaxLength(Member.DisplayNameMaxLength).IsRequired();
        builder.HasIndex(m => m.NormalizedDisplayName).IsUnique();
        builder.Property(m => m.PreferredCulture).HasMaxLength(8).IsRequired();
    }
}
