using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// Keeps the HTML stored with cases, replies and follow-ups (the only tables that store rendered HTML; revisions and
/// pending edits keep Markdown alone) in step with <see cref="MarkdownRenderer.Version"/>: a body written by an older
/// pipeline is rendered again from its Markdown. One batch per transaction, so a run that stops half-way resumes where it
/// stopped; a complete run leaves nothing outdated, so running it again does nothing. Saved through the entities, so the
/// cached pages showing a body are evicted like after any edit.
/// </summary>
public sealed class StoredBodies(IServiceScopeFactory scopes, MarkdownRenderer renderer, IOptions<RerenderOptions> options,
    ILogger<StoredBodies> log)
{
    /// <summary>Concurrent edits (or another instance doing the same) are retried this many times per kind, then left for the next run.</summary>
    private const int MaxConflicts = 10;

    /// <summary>Re-renders every outdated body; returns how many were re-rendered.</summary>
    public async Task<int> RerenderOutdatedAsync(CancellationToken cancellationToken)
    {
        const int current = MarkdownRenderer.Version;
        var total = await RerenderAsync("case", OutdatedCases, (c, _) => { c.Rerender(renderer.Render); return Task.CompletedTask; }, cancellationToken)
                    + await RerenderAsync("reply", OutdatedReplies, RerenderReplyAsync, cancellationToken)
                    + await RerenderAsync("follow-up", OutdatedFollowUps, (f, _) => { f.Rerender(renderer.Render); return Task.CompletedTask; }, cancellationToken);
        log.LogInformation("Stored bodies are current (renderer version {Version}); {Count} re-rendered by this run", current, total);
        return total;
    }

    // Read through an index on RendererVersion, oldest renderer first (the order the index gives): every start asks,
    // and nearly always nothing is outdated. Ordered by id, SQLite walked the table in id order instead, so each start
    // read every body of the database (17 s of I/O on the full bench set, beside the first requests).
    internal static IQueryable<Case> OutdatedCases(CommunityDbContext db) =>
        db.Set<Case>().Where(c => c.Body.RendererVersion < MarkdownRenderer.Version).OrderBy(c => c.Body.RendererVersion);

    internal static IQueryable<Reply> OutdatedReplies(CommunityDbContext db) =>
        db.Set<Reply>().Where(r => r.RendererVersion < MarkdownRenderer.Version).OrderBy(r => r.RendererVersion).ThenBy(r => r.Id);

    internal static IQueryable<FollowUp> OutdatedFollowUps(CommunityDbContext db) =>
        db.Set<FollowUp>().Where(f => f.RendererVersion < MarkdownRenderer.Version).OrderBy(f => f.RendererVersion).ThenBy(f => f.Id);

    /// <summary>
    /// A reply's @mentions are profile links in its HTML only (its Markdown keeps @Name): rendered again through the same
    /// road as a new reply (<see cref="CaseForm.RenderReplyAsync"/>), or the links would be lost, with the same rules (a
    /// pseudonym in use is never a mention); nobody is notified again. Only the members recorded with the reply are
    /// linked (see <see cref="MentionsFollowMembers"/>), none when none is recorded (an erased member, an edit approved
    /// with none recorded); a reply stored before mentions were recorded (<see cref="ReplyMentionRecords.RecordedSinceUtc"/>) links the members
    /// its names give now, but never one who joined after it was written (a newcomer who took the name of someone
    /// renamed or erased is not whom it meant), and records them.
    /// </summary>
    private async Task RerenderReplyAsync(Reply reply, IServiceProvider services)
    {
        if (!reply.BodyMarkdown.Contains('@'))
        {
            reply.Rerender(renderer.Render(reply.BodyMarkdown));
            return;
        }
        var db = services.GetRequiredService<CommunityDbContext>();
        await db.Entry(reply).Collection(r => r.Mentions).LoadAsync();
        var written = reply.EditedUtc ?? reply.CreatedUtc;
        var scope = reply.Mentions.Count > 0 || written >= ReplyMentionRecords.RecordedSinceUtc
            ? new Notifications.MentionScope(reply.Mentions.Select(m => m.MemberId).ToHashSet(), null)
            : new Notifications.MentionScope(null, written);
        var text = await services.GetRequiredService<Notifications.Mentions>().FollowAsync(reply.BodyMarkdown, scope, new Dictionary<string, string?>());
        reply.Rerender(renderer.Render(text.Linked));
        reply.Mentioning(text.MemberIds);
    }

    private async Task<int> RerenderAsync<T>(string kind, Func<CommunityDbContext, IQueryable<T>> outdated, Func<T, IServiceProvider, Task> rerender,
        CancellationToken cancellationToken) where T : class
    {
        int done = 0, conflicts = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            var batch = await outdated(db).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) return done;
            foreach (var item in batch) await rerender(item, scope.ServiceProvider);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                done += batch.Count;
                log.LogInformation("Re-rendered {Count} {Kind} bodies stored by an older renderer ({Done} so far)", batch.Count, kind, done);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                // An edit (already rendered by the current pipeline) or another instance got there first: read the batch again.
                if (++conflicts > MaxConflicts)
                {
                    log.LogWarning(ex, "Gave up re-rendering {Kind} bodies after {Conflicts} conflicting writes; the next run resumes", kind, conflicts - 1);
                    return done;
                }
                log.LogInformation("A {Kind} body changed while being re-rendered; reading the batch again", kind);
            }
        }
    }
}
