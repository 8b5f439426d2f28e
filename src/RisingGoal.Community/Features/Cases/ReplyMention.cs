using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>A member a reply mentions, as resolved when the reply was written (<see cref="Notifications.Mentions"/>).</summary>
public sealed class ReplyMention
{
    private ReplyMention() { }

    public int ReplyId { get; private set; }
    public string MemberId { get; private set; } = "";

    internal static ReplyMention Of(string memberId) => new() { MemberId = memberId };
}

/// <summary>A member a reply edit awaiting review mentions, as resolved when it was proposed.</summary>
public sealed class PendingEditMention
{
    private PendingEditMention() { }

    public int PendingEditId { get; private set; }
    public string MemberId { get; private set; } = "";

    internal static PendingEditMention Of(string memberId) => new() { MemberId = memberId };
}

public static class ReplyMentionRecords
{
    /// <summary>
    /// Replies written (or last edited) from this instant on have their mentions recorded (the ReplyMentions migration):
    /// for them, no row means nobody to link (an erased member, an edit approved with none recorded), never "link whoever
    /// has the name". Replies written before may have mentioned someone without a row.
    /// </summary>
    public static readonly DateTime RecordedSinceUtc = new(2026, 12, 3, 9, 38, 48, DateTimeKind.Utc);

    /// <summary>Records whom the reply mentions, replacing what was recorded (loads it first for a saved reply).</summary>
    public static async Task RecordMentionsAsync(this DbContext db, Reply reply, IReadOnlyCollection<string> memberIds, CancellationToken ct)
    {
        var mentions = db.Entry(reply).Collection(r => r.Mentions);
        if (db.Entry(reply).State is not (EntityState.Added or EntityState.Detached) && !mentions.IsLoaded) await mentions.LoadAsync(ct);
        reply.Mentioning(memberIds);
    }
}

internal sealed class ReplyMentionConfiguration : IEntityTypeConfiguration<ReplyMention>
{
    public void Configure(EntityTypeBuilder<ReplyMention> builder)
    {
        builder.ToTable("ReplyMentions");
        builder.HasKey(m => new { m.ReplyId, m.MemberId });
        builder.HasOne<Reply>().WithMany(r => r.Mentions).HasForeignKey(m => m.ReplyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.MemberId);   // a rename finds the replies to rewrite
    }
}

internal sealed class PendingEditMentionConfiguration : IEntityTypeConfiguration<PendingEditMention>
{
    public void Configure(EntityTypeBuilder<PendingEditMention> builder)
    {
        builder.ToTable("PendingEditMentions");
        builder.HasKey(m => new { m.PendingEditId, m.MemberId });
        builder.HasOne<PendingEdit>().WithMany(e => e.Mentions).HasForeignKey(m => m.PendingEditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.MemberId);   // a rename finds the edits to rewrite
    }
}

/// <summary>
/// A mention follows the member it was written for. When a member is renamed, every reply that mentions them is
/// rewritten in the same save: its Markdown reads <c>@NewName</c> (so quotes, edits, search, feeds, exports and mail,
/// all made from the stored text, say the new name; the old name, which a pseudonym or another member may take, leads
/// to nobody) and its HTML links the new profile. When an account is erased, the name stays as written, linked to
/// nobody. Runs before the save's effects collect, so the search index and the cached pages (a rename evicts them all)
/// see the rewritten replies; only the members recorded with each reply are matched, so a rewrite never links a
/// newcomer who took an old name. A reply edit awaiting review is rewritten the same way (it is published text in
/// waiting). A draft is not: it is the member's own text, still being written (an open composer's autosave would put
/// the old name back within seconds), and its mentions are resolved when it is published, as anything typed then.
/// </summary>
public sealed class MentionsFollowMembers(MarkdownRenderer renderer) : IBeforeSave
{
    public async Task BeforeSaveAsync(DbContext db, CancellationToken ct)
    {
        var changed = new Dictionary<string, string?>();
        foreach (var entry in db.ChangeTracker.Entries<Member>())
        {
            if (entry.State == EntityState.Deleted) changed[entry.Entity.Id] = null;
            else if (entry.State == EntityState.Modified && WrittenEntries.Changed(entry.Property(nameof(Member.DisplayName))))
                changed[entry.Entity.Id] = entry.Entity.DisplayName;
        }
        if (changed.Count == 0) return;
        var ids = changed.Keys.ToList();
        var replies = await db.Set<Reply>().Include(r => r.Mentions)
            .Where(r => r.Mentions.Any(m => ids.Contains(m.MemberId))).ToListAsync(ct);
        var mentions = new Notifications.Mentions((CommunityDbContext)db);
        foreach (var reply in replies)
        {
            var recorded = reply.Mentions.Select(m => m.MemberId).ToHashSet();
            var text = await mentions.FollowAsync(reply.BodyMarkdown, new Notifications.MentionScope(recorded, null), changed, ct);
            reply.FollowMentions(text.Markdown, renderer.Render(text.Linked), text.MemberIds);
        }
        var edits = await db.Set<PendingEdit>().Include(e => e.Mentions)
            .Where(e => e.Mentions.Any(m => ids.Contains(m.MemberId))).ToListAsync(ct);
        foreach (var edit in edits)
        {
            var recorded = edit.Mentions.Select(m => m.MemberId).ToHashSet();
            var text = await mentions.FollowAsync(edit.BodyMarkdown, new Notifications.MentionScope(recorded, null), changed, ct);
            edit.FollowMentions(text.Markdown, text.MemberIds);
        }
    }
}
