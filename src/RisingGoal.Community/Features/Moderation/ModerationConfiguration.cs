using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.Moderation;

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> builder)
    {
        builder.ToTable("Flags");
        builder.Property(f => f.Text).HasMaxLength(Flag.TextMax);
        builder.Property(f => f.MemberId).IsRequired();
        builder.Ignore(f => f.IsOpen);
        builder.HasIndex(f => new { f.TargetKind, f.TargetId, f.MemberId }).IsUnique();
        builder.HasIndex(f => new { f.ResolvedUtc, f.CreatedUtc });
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(f => f.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModerationLogEntryConfiguration : IEntityTypeConfiguration<ModerationLogEntry>
{
    public void Configure(EntityTypeBuilder<ModerationLogEntry> builder)
    {
        builder.ToTable("ModerationLog");
        builder.Property(e => e.ModeratorName).HasMaxLength(Member.DisplayNameMaxLength).IsRequired();
        builder.Property(e => e.PublicReason).HasMaxLength(ModerationLogEntry.ReasonMax);
        builder.Property(e => e.PrivateNote).HasMaxLength(ModerationLogEntry.ReasonMax);
        builder.HasIndex(e => new { e.SubjectMemberId, e.Action });
        builder.HasIndex(e => new { e.CaseId, e.ReplyId });
        // The log outlives what it mentions: no foreign keys, the public page joins and tolerates gaps.
    }
}

internal sealed class SuspensionConfiguration : IEntityTypeConfiguration<Suspension>
{
    public void Configure(EntityTypeBuilder<Suspension> builder)
    {
        builder.ToTable("Suspensions");
        builder.Property(s => s.Reason).HasMaxLength(Suspension.ReasonMax).IsRequired();
        builder.HasIndex(s => new { s.MemberId, s.EndsUtc });
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.ModeratorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TakedownRequestConfiguration : IEntityTypeConfiguration<TakedownRequest>
{
    public void Configure(EntityTypeBuilder<TakedownRequest> builder)
    {
        builder.ToTable("TakedownRequests");
        builder.Property(t => t.Email).HasMaxLength(TakedownRequest.EmailMax).IsRequired();
        builder.Property(t => t.CaseReference).HasMaxLength(TakedownRequest.ReferenceMax).IsRequired();
        builder.Property(t => t.Passage).HasMaxLength(TakedownRequest.PassageMax).IsRequired();
        builder.Property(t => t.Explanation).HasMaxLength(TakedownRequest.ExplanationMax).IsRequired();
        builder.Property(t => t.Culture).HasMaxLength(8).IsRequired();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => new { t.AnsweredUtc, t.ConfirmedUtc });
        // No foreign key to the case: the request outlives a removed case.
    }
}
