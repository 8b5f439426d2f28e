using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Tests.Digests;

/// <summary>What goes into a digest, on a real (in-memory) SQLite database with the real model.</summary>
public sealed class DigestSelectionTests : IDisposable
{
    private static readonly DateTime Since = new(2030, 1, 7, 6, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Until = Since.AddDays(7);
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteCommunityDbContext _db;
    private readonly DigestQueries _queries;

    public DigestSelectionTests()
    {
        _connection.Open();
        _db = new SqliteCommunityDbContext(new DbContextOptionsBuilder<SqliteCommunityDbContext>().UseSqlite(_connection).Options);
        _db.Database.EnsureCreated();
        _queries = new DigestQueries(_db);
    }

    [Fact]
    public async Task Only_cases_in_followed_tags_are_listed_and_none_followed_means_all()
    {
        var (reader, author) = (Member("reader"), Member("author"));
        var (a, b) = (Tag("a"), Tag("b"));
        var inA = Case(author, "In A", [a], Since.AddDays(1));
        var inB = Case(author, "In B", [b], Since.AddDays(2));

        var followingA = await _queries.NewCasesAsync(Recipient(reader, a), Since, Until, [], 10, default);
        var followingNothing = await _queries.NewCasesAsync(Recipient(reader), Since, Until, [], 10, default);

        Assert.Equal([inA], followingA.Select(c => c.Id));
        Assert.Equal([inA, inB], followingNothing.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task Pending_hidden_deleted_rejected_own_and_out_of_period_cases_are_left_out()
    {
        var (reader, author) = (Member("reader"), Member("author"));
        var tag = Tag("t");
        var published = Case(author, "Published", [tag], Since.AddHours(1));
        foreach (var status in new[] { CaseStatus.Pending, CaseStatus.Hidden, CaseStatus.Deleted, CaseStatus.Rejected })
            SetStatus(Case(author, status.ToString(), [tag], Since.AddHours(2)), status);
        Case(reader, "Mine", [tag], Since.AddHours(3));
        Case(author, "Before", [tag], Since.AddSeconds(-1));
        Case(author, "At the end", [tag], Until);

        var rows = await _queries.NewCasesAsync(Recipient(reader), Since, Until, [], 10, default);

        Assert.Equal([published], rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Most_resonant_first_and_pseudonyms_replace_the_author_name()
    {
        var (reader, author) = (Member("reader"), Member("author"));
        var quiet = Case(author, "Quiet", [], Since.AddHours(1));
        var loud = Case(author, "Loud", [], Since.AddHours(2), pseudonym: "Coach du Nord");
        _db.Set<Case>().Single(c => c.Id == loud).Resonate(reader.Id, Since.AddHours(3));
        _db.Set<Case>().Single(c => c.Id == loud).SetResonanceCount(1);
        _db.SaveChanges();

        var rows = await _queries.NewCasesAsync(Recipient(reader), Since, Until, [], 10, default);

        Assert.Equal([loud, quiet], rows.Select(r => r.Id));
        Assert.Equal("Coach du Nord", rows[0].Author);
        Assert.Equal("author", rows[1].Author);
    }

    [Fact]
    public async Task Discussions_count_new_replies_by_others_on_cases_written_or_followed()
    {
        var (reader, other) = (Member("reader"), Member("other"));
        var mine = Case(reader, "Mine", [], Since.AddDays(-30));
        var followed = Case(other, "Followed", [], Since.AddDays(-30));
        var unrelated = Case(other, "Unrelated", [], Since.AddDays(-30));
        var hidden = Case(other, "Hidden", [], Since.AddDays(-30));
        _db.Set<CaseFollow>().AddRange(new CaseFollow(followed, reader.Id, Since), new CaseFollow(hidden, reader.Id, Since));
        _db.SaveChanges();
        SetStatus(hidden, CaseStatus.Hidden);
        Reply(mine, other, Since.AddHours(1));
        Reply(mine, other, Since.AddHours(2));
        Reply(mine, reader, Since.AddHours(3));          // their own reply does not count
        Reply(followed, other, Since.AddDays(-1));        // before the period
        Reply(unrelated, other, Since.AddHours(1));
        Reply(hidden, other, Since.AddHours(1));

        var rows = await _queries.DiscussionsAsync(reader.Id, Since, Until, 10, default);

        Assert.Equal([(mine, 2)], rows.Select(r => (r.Id, r.NewReplies)));
    }

    [Fact]
    public async Task Nothing_new_gives_nothing()
    {
        var reader = Member("reader");
        Assert.Empty(await _queries.NewCasesAsync(Recipient(reader), Since, Until, [], 10, default));
        Assert.Empty(await _queries.DiscussionsAsync(reader.Id, Since, Until, 10, default));
        Assert.Empty(await _queries.FollowUpsAsync(reader.Id, Since, Until, 10, default));
        Assert.Empty(await _queries.PicksAsync([], Since, Since, Until, default));
    }

    private Member Member(string name)
    {
        var member = new Member { UserName = name, Email = name + "@example.test", DisplayName = name, EmailConfirmed = true };
        _db.Users.Add(member);
        _db.SaveChanges();
        return member;
    }

    private int Tag(string slug)
    {
        var tag = new Tag { Kind = TagKind.Tension, Slug = slug, NameFr = slug, NameEn = slug };
        _db.Set<Tag>().Add(tag);
        _db.SaveChanges();
        return tag.Id;
    }

    private int Case(Member author, string title, int[] tags, DateTime publishedUtc, string? pseudonym = null)
    {
        var @case = Features.Cases.Case.Publish(author.Id, new CaseText(title, "Summary of " + title, "Body", null, null),
            new RenderedMarkdown("<p>Body</p>", 1), new CaseContext(SizeBand.From11To50, Sector.Software, Stage.ScaleUp, null, null, AuthorRole.Coach),
            pseudonym, CaseVisibility.MembersOnly, null, tags, publishedUtc);
        _db.Set<Case>().Add(@case);
        _db.SaveChanges();
        return @case.Id;
    }

    private void Reply(int caseId, Member author, DateTime createdUtc)
    {
        var @case = _db.Set<Case>().Single(c => c.Id == caseId);
        var reply = @case.AddReply(author.Id, "A reply", new RenderedMarkdown("<p>A reply</p>", 1), createdUtc)
                    ?? throw new InvalidOperationException("The case refused the reply");
        _db.Set<Reply>().Add(reply);
        _db.SaveChanges();
    }

    private void SetStatus(int caseId, CaseStatus status) =>
        _db.Database.ExecuteSql($"UPDATE Cases SET Status = {(int)status} WHERE Id = {caseId}");

    private static DigestRecipient Recipient(Member member, params int[] tags) =>
        new(member.Id, member.Email!, member.DisplayName, "fr", tags);

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }
}
