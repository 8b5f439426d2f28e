using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Cases;

internal sealed class ReplyConfiguration : IEntityTypeConfiguration<Reply>
{
    public void Configure(EntityTypeBuilder<Reply> builder)
    {
        builder.ToTable("Replies");
        builder.Property(r => r.BodyMarkdown).HasMaxLength(CaseLimits.ReplyMax).IsRequired();
        builder.Property(r => r.BodyHtml).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IsVisible);
        builder.Ignore(r => r.IsMarkedHelpful);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.SetNull);
        // The case page reads replies in (CreatedUtc, Id) order; a profile reads a member's newest first.
        builder.HasIndex(r => new { r.CaseId, r.CreatedUtc, r.Id });
        builder.HasIndex(r => new { r.AuthorId, r.CreatedUtc, r.Id }).IsDescending(false, true, true);
        // Start-up asks for bodies an older renderer wrote (StoredBodies): without this index, a scan of every reply.
        builder.HasIndex(r => r.RendererVersion);
    }
}

internal sealed class ReplyRevisionConfiguration : IEntityTypeConfiguration<ReplyRevision>
{
    public void Configure(EntityTypeBuilder<ReplyRevision> builder)
    {
        builder.ToTable("ReplyRevisions");
        builder.Property(r => r.BodyMarkdown).HasMaxLength(CaseLimits.ReplyMax).IsRequired();
        builder.HasOne<Reply>().WithMany().HasForeignKey(r => r.ReplyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.EditorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.ReplyId, r.CreatedUtc });
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("FollowUps");
        builder.Property(f => f.BodyMarkdown).HasMaxLength(CaseLimits.FollowUpMax).IsRequired();
        builder.Property(f => f.BodyHtml).IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(f => f.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(f => new { f.CaseId, f.CreatedUtc });
        builder.HasIndex(f => f.RendererVersion);   // see StoredBodies
    }
}
