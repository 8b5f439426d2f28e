using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// A moment when text the site showed was changed or taken back by anyone: an author who edits or deletes their case,
/// reply or follow-up, a case made members-only, a member renamed or erased, as well as what moderators do. Mail
/// queued before it may quote the old text, so the outbox rebuilds such mail before sending it
/// (<see cref="Moderation.ContentRemovals"/>). Append-only; its ids grow with time.
/// </summary>
public sealed class ShownTextChange
{
    public long Id { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    public static ShownTextChange At(DateTime utcNow) => new() { CreatedUtc = utcNow };
}

internal sealed class ShownTextChangeConfiguration : IEntityTypeConfiguration<ShownTextChange>
{
    public void Configure(EntityTypeBuilder<ShownTextChange> builder) => builder.ToTable("ShownTextChanges");
}

/// <summary>
/// Notes a <see cref="ShownTextChange"/> in the transaction of every save that changes or withdraws shown text, so a
/// change nobody logged (an author's own edit or deletion, an account erased) reaches queued mail as a moderator's
/// removal does. Saves that only move counters, read positions or marks note nothing: they would make the outbox
/// rebuild every queued message for nothing.
/// </summary>
internal sealed class ShownTextChangeEffect(TimeProvider clock) : IWriteEffect
{
    public WriteEffectStage Stage => WriteEffectStage.KeptCounts;

    /// <summary>A published case's text, author and audience: any change may leave queued mail quoting what is gone.</summary>
    private static readonly string[] CaseText =
    [
        nameof(Case.Title), nameof(Case.Summary), nameof(Case.Pseudonym), nameof(Case.AuthorId), nameof(Case.Region),
        nameof(Case.Outcome), nameof(Case.OpenQuestion), nameof(Case.Status), nameof(Case.Visibility), nameof(Case.MembersOnlyUntilUtc),
    ];

    private static readonly string[] ReplyText = [nameof(Reply.BodyMarkdown), nameof(Reply.Status), nameof(Reply.AuthorId)];

    public object? Collect(DbContext db) => WrittenEntries.Of(db).Any(Withdraws) ? true : null;

    /// <summary>
    /// Only what was shown counts: approving a held case or reply publishes text no queued mail has quoted yet (and
    /// the approval's own notifications are queued in the same instant, which would count as "written before").
    /// </summary>
    private static bool Withdraws(EntityEntry entry) => entry.State switch
    {
        EntityState.Deleted => entry.Entity is Case or CaseBody or Reply or FollowUp or Member,
        EntityState.Modified => entry.Entity switch
        {
            Case => Was(entry, nameof(Case.Status), CaseStatus.Published) && Changed(entry, CaseText),
            CaseBody => Changed(entry, nameof(CaseBody.Markdown)),
            Reply => Was(entry, nameof(Reply.Status), ReplyStatus.Published) && Changed(entry, ReplyText),
            FollowUp => Changed(entry, nameof(FollowUp.BodyMarkdown)),
            Member => Changed(entry, nameof(Member.DisplayName)),
            _ => false,
        },
        _ => false,
    };

    private static bool Was<T>(EntityEntry entry, string property, T value) => Equals(entry.Property(property).OriginalValue, value);

    private static bool Changed(EntityEntry entry, params string[] properties) =>
        properties.Any(p => WrittenEntries.Changed(entry.Property(p)));

    public async Task<object?> AfterSaveAsync(DbContext db, object collected, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "ShownTextChanges" ("CreatedUtc") VALUES ({now})""", ct);
        return null;
    }

    public Task AfterCommitAsync(object prepared, CancellationToken ct) => Task.CompletedTask;
}
