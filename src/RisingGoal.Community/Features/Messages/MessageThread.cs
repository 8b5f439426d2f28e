using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;

namespace RisingGoal.Community.Features.Messages;

/// <summary>
/// The private conversation between the moderators and the author of one post (one thread per post). Moderators reach it
/// by its id and the post, never by the member: <see cref="MemberId"/> is resolved on the server and never shown to staff
/// when the post is under a pseudonym (<see cref="UnderPseudonym"/>).
/// </summary>
public sealed class MessageThread
{
    private MessageThread() { }

    public int Id { get; private set; }
    public string MemberId { get; private set; } = "";
    public int CaseId { get; private set; }
    public TargetKind TargetKind { get; private set; }
    /// <summary>The case id for a case, the reply id for a reply.</summary>
    public int TargetId { get; private set; }
    public bool UnderPseudonym { get; private set; }
    public DateTime LastMessageUtc { get; private set; }
    /// <summary>The member wrote last: a moderator should read it.</summary>
    public bool AwaitsModerators { get; private set; }

    public static MessageThread About(PostAuthor post, DateTime nowUtc) => new()
    {
        MemberId = post.MemberId, CaseId = post.CaseId, TargetKind = post.Kind, TargetId = post.Id, UnderPseudonym = post.UnderPseudonym,
        LastMessageUtc = nowUtc,
    };

    public void Wrote(bool byMember, DateTime nowUtc)
    {
        LastMessageUtc = nowUtc;
        AwaitsModerators = byMember;
    }
}

/// <summary>One message of a thread. Moderators sign as "the moderators"; <see cref="ModeratorId"/> is for staff only.</summary>
public sealed class ModeratorMessage
{
    public const int BodyMax = 4000;

    private ModeratorMessage() { }

    public int Id { get; private set; }
    public int ThreadId { get; private set; }
    public bool FromMember { get; private set; }
    public string? ModeratorId { get; private set; }
    public string Body { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }

    public static ModeratorMessage Of(int threadId, bool fromMember, string? moderatorId, string body, DateTime nowUtc) => new()
    {
        ThreadId = threadId, FromMember = fromMember, ModeratorId = fromMember ? null : moderatorId, Body = body.Replace("\r\n", "\n").Trim(), CreatedUtc = nowUtc,
    };
}

internal sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> builder)
    {
        builder.ToTable("MessageThreads");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.MemberId).IsRequired();
        // Account deletion and case deletion take the conversation with them.
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.TargetKind, t.TargetId }).IsUnique();
        builder.HasIndex(t => t.MemberId);
        builder.HasIndex(t => t.LastMessageUtc);
    }
}

internal sealed class ModeratorMessageConfiguration : IEntityTypeConfiguration<ModeratorMessage>
{
    public void Configure(EntityTypeBuilder<ModeratorMessage> builder)
    {
        builder.ToTable("ModeratorMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Body).IsRequired().HasMaxLength(ModeratorMessage.BodyMax);
        builder.HasOne<MessageThread>().WithMany().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.ThreadId);
        builder.HasIndex(m => m.ModeratorId);
    }
}
