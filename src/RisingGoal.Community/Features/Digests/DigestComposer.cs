using RisingGoal.Community.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// What a member's digest holds for [since, until): the moderators' picks in followed tensions, then new cases in the
/// followed tags (none followed = all) most resonant first, then discussions with new replies on cases they wrote or
/// follow, then follow-ups on followed cases. Only published content; the recipient is a member, so members-only
/// cases are allowed; a pseudonymous case shows only its pseudonym, and the member's own pseudonymous cases are treated
/// as anyone's (<see cref="DigestMemberCases"/>).
/// </summary>
public sealed class DigestComposer(CommunityDbContext db, DigestQueries queries, DigestSchedule schedule, MailLinks links,
    IOptions<DigestOptions> options, IStringLocalizer<Strings> l)
{
    /// <summary>A member's own cases that may sit among the shared "new cases" list before it must be read for them alone.</summary>
    private const int OwnCasesSlack = 3;

    /// <param name="shared">
    /// Sections that are the same for every member following the same tags over the same window (picks, new cases, tag
    /// names), kept for one planner run: 10,000 digests read them once per distinct set of tags, not once each.
    /// </param>
    /// <param name="memberCases">The member's own cases when the caller read them for a whole batch; else read here.</param>
    public async Task<DigestContent> ComposeAsync(DigestRecipient r, DateTime sinceUtc, DateTime untilUtc, CancellationToken cancellationToken,
        DigestSharedSections? shared = null, DigestMemberCases? memberCases = null)
    {
        using var _ = CultureScope.Use(r.CultureInfo);
        shared ??= new DigestSharedSections();
        var max = options.Value.MaxCasesPerSection;
        var week = schedule.PeriodEndingAt(DigestFrequency.Weekly, schedule.NextDue(DigestFrequency.Weekly, untilUtc.AddSeconds(-1))!.Value);
        var window = $"{string.Join(',', r.FollowedTagIds.Order())}|{week.StartUtc:o}|{sinceUtc:o}|{untilUtc:o}";

        var picks = await shared.GetAsync("picks|" + window,
            () => queries.PicksAsync(r.FollowedTagIds, week.StartUtc, sinceUtc, untilUtc, cancellationToken));
        var pickedIds = picks.Select(p => p.Id).ToList();
        var newest = await shared.GetAsync("new|" + window,
            () => queries.NewCasesAsync(r.FollowedTagIds, sinceUtc, untilUtc, pickedIds, max + OwnCasesSlack, notBy: null, cancellationToken));
        var fresh = newest.Where(x => x.AuthorId != r.MemberId).Select(x => x.Row).Take(max).ToList();
        if (fresh.Count < max && newest.Count == max + OwnCasesSlack)   // their own cases pushed others out of the shared list
            fresh = await queries.NewCasesAsync(r, sinceUtc, untilUtc, pickedIds, max, cancellationToken);
        var mine = memberCases ?? await queries.MemberCasesAsync(r.MemberId, cancellationToken);
        var discussions = await queries.DiscussionsAsync(r.MemberId, mine, sinceUtc, untilUtc, max, cancellationToken);
        var followUps = await queries.FollowUpsAsync(r.MemberId, mine, sinceUtc, untilUtc, max, cancellationToken);

        // The picks, and the new cases when none of the member's own was left out, are the same section for everyone who
        // reads in this language and follows these tags: built once, and the message builder renders each one once.
        var language = r.CultureInfo.Name;
        var picksSection = await shared.GetAsync($"picks-section|{language}|{window}",
            () => Task.FromResult(new DigestSection(l["The moderators' pick"], picks.Select(CaseItem).ToList())));
        var freshSection = newest.Take(max).Any(x => x.AuthorId == r.MemberId)
            ? new DigestSection(l["New cases"], fresh.Select(CaseItem).ToList())
            : await shared.GetAsync($"new-section|{language}|{window}",
                () => Task.FromResult(new DigestSection(l["New cases"], fresh.Select(CaseItem).ToList())));
        var sections = new List<DigestSection>
        {
            picksSection,
            freshSection,
            new(l["Discussions with new replies"], discussions.Select(d => new DigestItem(d.Title, CaseUrl(d.Id, d.Slug),
                DiscussionMeta(d), null)).ToList()),
            new(l["What happened next"], followUps.Select(f => new DigestItem(f.Title, CaseUrl(f.CaseId, f.Slug),
                l["Update from the author: {0}", l[f.Status.ToString()]], null)).ToList()),
        };
        var subject = await SubjectAsync(r, fresh.Count, discussions.Count, followUps.Count, picks.Count, shared, cancellationToken);
        return new DigestContent(subject, l["Hello {0}, here is what happened in the community.", r.DisplayName], sections);
    }

    private string DiscussionMeta(DigestDiscussionRow d)
    {
        var replies = l.Plural(d.NewReplies, "{0} new reply", "{0} new replies").Value;
        return d.Helpful == 0 ? replies : $"{replies} · {l.Plural(d.Helpful, "{0} reply helped the author", "{0} replies helped the author")}";
    }

    private DigestItem CaseItem(DigestCaseRow c)
    {
        var author = c.Author.Length > 0 ? c.Author : l["Former member"].Value;   // the author deleted their account
        return new(c.Title, CaseUrl(c.Id, c.Slug), $"{l["by {0}", author]} · {l.Plural(c.Resonances, "{0} resonance", "{0} resonances")}", c.Summary);
    }

    private string CaseUrl(int id, string slug) => links.Absolute(CaseUrls.Read(id, slug));

    private async Task<string> SubjectAsync(DigestRecipient r, int cases, int discussions, int followUps, int picks,
        DigestSharedSections shared, CancellationToken cancellationToken)
    {
        if (cases > 0)
        {
            var single = r.FollowedTagIds.Count == 1
                ? await shared.GetAsync($"tag|{r.FollowedTagIds[0]}", () => db.Set<Tag>().AsNoTracking().Where(t => t.Id == r.FollowedTagIds[0])
                    .Select(t => new TagNames(t.NameFr, t.NameEn)).FirstOrDefaultAsync(cancellationToken))
                : null;
            if (single is not null)
            {
                var name = r.Culture == "en" ? single.NameEn : single.NameFr;
                return l[Plurals.IsOne(cases) ? "{0} new case in {1}" : "{0} new cases in {1}", Numbers.Count(cases), name];
            }
            return l.Plural(cases, "{0} new case in the tensions you follow", "{0} new cases in the tensions you follow");
        }
        if (discussions > 0) return l.Plural(discussions, "{0} discussion with new replies", "{0} discussions with new replies");
        if (followUps > 0) return l["News from the cases you follow"];
        return l[Plurals.IsOne(picks) ? "The moderators' pick" : "The moderators' picks"];
    }
}

internal sealed record TagNames(string NameFr, string NameEn);

/// <summary>
/// Read-only sections shared by the digests of one planner run (see <see cref="DigestComposer.ComposeAsync"/>), read by
/// parallel composers: each section is computed once, by whichever composer asks first; the others await it.
/// </summary>
public sealed class DigestSharedSections
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<object?>>> _values = new(StringComparer.Ordinal);

    internal async Task<T> GetAsync<T>(string key, Func<Task<T>> compute) =>
        (T)(await _values.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () => await compute())).Value)!;
}
