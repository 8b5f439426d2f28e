using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Everything the moderation queue shows: posts and flags, takedown requests, and edits awaiting review.</summary>
public sealed record QueueContents(
    IReadOnlyList<QueueItem> Items, IReadOnlyDictionary<int, Tag> Tags, IReadOnlyList<TakedownItem> Takedowns, IReadOnlyList<PendingEditItem> PendingEdits)
{
    public static readonly QueueContents Empty = new([], new Dictionary<int, Tag>(), [], []);
}

/// <summary>Loads <see cref="QueueContents"/> for the queue page and for the pages that answer with it (a failed form, a reveal).</summary>
public sealed class QueueLoader(CommunityDbContext db, ModerationQueue queue, PendingEditReview editReview)
{
    public async Task<QueueContents> LoadAsync() => new(
        await queue.LoadAsync(),
        (await queue.TagsAsync()).ToDictionary(t => t.Id),
        await TakedownQueue.LoadAsync(db),
        await editReview.LoadAsync());
}
