using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Cases;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        builder.ToTable("Drafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.MemberId).IsRequired();
        builder.Property(d => d.Title).HasMaxLength(CaseLimits.TitleMax).IsRequired();
        builder.Property(d => d.Content).IsRequired();
        builder.Property(d => d.ModeratorReason).HasMaxLength(CaseLimits.ReasonMax * 2);
        // Deleted with the account even if an eraser were forgotten.
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.MemberId, d.UpdatedUtc });
    }
}
