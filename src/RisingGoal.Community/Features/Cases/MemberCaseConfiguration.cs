using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Cases;

internal sealed class ResonanceConfiguration : IEntityTypeConfiguration<Resonance>
{
    public void Configure(EntityTypeBuilder<Resonance> builder)
    {
        builder.ToTable("Resonances");
        builder.HasKey(r => new { r.CaseId, r.MemberId });
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.MemberId);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> builder)
    {
        builder.ToTable("Bookmarks");
        builder.HasKey(b => new { b.CaseId, b.MemberId });
        builder.HasOne<Case>().WithMany().HasForeignKey(b => b.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(b => b.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.MemberId, b.CreatedUtc });
    }
}

internal sealed class CaseFollowConfiguration : IEntityTypeConfiguration<CaseFollow>
{
    public void Configure(EntityTypeBuilder<CaseFollow> builder)
    {
        builder.ToTable("CaseFollows");
        builder.HasKey(f => new { f.CaseId, f.MemberId });
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(f => f.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.MemberId);
    }
}
