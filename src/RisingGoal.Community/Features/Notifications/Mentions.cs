using System.Text;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Notifications;

public sealed record MentionedMember(string Id, string DisplayName);

/// <summary>
/// <c>@DisplayName</c> in a reply: display names may hold spaces, so each <c>@</c> offers its next one to four words and
/// the longest that names a member wins (one query for the whole text). Pseudonyms are never display names (a pseudonym
/// cannot pass for someone), so they cannot be mentioned; and a pseudonym in use, compared as names are
/// (<see cref="NameFolding"/>), stops its <c>@</c>: "@Plume Grise" never falls back to a member "Plume" (often its author).
/// </summary>
public sealed class Mentions(CommunityDbContext db)
{
    /// <summary>At most this many mentions per reply are resolved (and notified).</summary>
    public const int MaxMentions = 10;
    private const int MaxWords = 4;

    /// <summary>The members named in the text, once each.</summary>
    public async Task<IReadOnlyList<MentionedMember>> ResolveAsync(string markdown, CancellationToken ct = default) =>
        (await FindAsync(markdown, ct)).Select(m => m.Member).DistinctBy(m => m.Id).ToList();

    /// <summary>The text with each mention turned into a Markdown link to the member's profile (for rendering only; the stored text keeps <c>@Name</c>).</summary>
    public async Task<string> LinkAsync(string markdown, CancellationToken ct = default)
    {
        var matches = await FindAsync(markdown, ct);
        if (matches.Count == 0) return markdown;
        var text = new StringBuilder();
        var at = 0;
        foreach (var (spot, match, member) in matches)
        {
            if (spot.Start < at) continue;
            text.Append(markdown, at, spot.Start - at);
            text.Append("[@").Append(EscapeLinkText(markdown.Substring(spot.Start + 1, match.Length))).Append("](/members/")
                .Append(Uri.EscapeDataString(member.DisplayName)).Append(')');
            at = spot.Start + 1 + match.Length;
        }
        text.Append(markdown, at, markdown.Length - at);
        return text.ToString();
    }

    private readonly record struct Candidate(string Normalized, int Length);
    private sealed record Spot(int Start, List<Candidate> Candidates);

    /// <summary>Each spot's mention: its longest candidate naming a member, unless a longer or equal one is a pseudonym in use.</summary>
    private async Task<List<(Spot Spot, Candidate Match, MentionedMember Member)>> FindAsync(string markdown, CancellationToken ct)
    {
        var spots = Spots(markdown);
        if (spots.Count == 0) return [];
        var names = spots.SelectMany(s => s.Candidates.Select(c => c.Normalized)).Distinct().ToList();
        var found = await db.Set<Member>().AsNoTracking().Where(m => names.Contains(m.NormalizedDisplayName) && m.EmailConfirmed)
            .Select(m => new { m.NormalizedDisplayName, m.Id, m.DisplayName }).ToListAsync(ct);
        if (found.Count == 0) return [];
        var members = found.ToDictionary(m => m.NormalizedDisplayName, m => new MentionedMember(m.Id, m.DisplayName));
        // Only pseudonyms as long as a candidate can match one (as DisplayNameValidator narrows them), folded in memory.
        var lengths = spots.SelectMany(s => s.Candidates.Select(c => c.Length)).Distinct().ToList();
        var pseudonyms = (await db.Set<Cases.Case>().AsNoTracking().Where(c => c.Pseudonym != null && lengths.Contains(c.Pseudonym.Length))
            .Select(c => c.Pseudonym!).Distinct().ToListAsync(ct)).Select(NameFolding.Fold).ToHashSet();
        var matches = new List<(Spot, Candidate, MentionedMember)>();
        foreach (var spot in spots)
            foreach (var candidate in spot.Candidates)
            {
                if (pseudonyms.Contains(NameFolding.Fold(markdown.Substring(spot.Start + 1, candidate.Length)))) break;   // addresses a pseudonym
                if (!members.TryGetValue(candidate.Normalized, out var member)) continue;
                matches.Add((spot, candidate, member));
                break;
            }
        return matches;
    }

    /// <summary>Each <c>@</c> at the start of a word, with the names it may start, longest first.</summary>
    private static List<Spot> Spots(string text)
    {
        var spots = new List<Spot>();
        for (var i = text.IndexOf('@'); i >= 0 && spots.Count < MaxMentions; i = i + 1 < text.Length ? text.IndexOf('@', i + 1) : -1)
        {
            if (i > 0 && !char.IsWhiteSpace(text[i - 1]) && text[i - 1] is not ('(' or '"' or '«' or '“' or '\'' or '’' or '>')) continue;
            var candidates = new List<Candidate>();
            var end = i + 1;
            for (var word = 0; word < MaxWords && end < text.Length && !char.IsWhiteSpace(text[end]); word++)
            {
                while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
                var raw = text[(i + 1)..end].TrimEnd('.', ',', ';', ':', '!', '?', ')', '"', '»', '”', '’', '\'', '\u202F', '\u00A0');
                if (raw.Length >= Member.DisplayNameMinLength && raw.Length <= Member.DisplayNameMaxLength)
                    candidates.Add(new Candidate(Member.NormalizeDisplayName(raw), raw.Length));
                if (end < text.Length && text[end] == ' ' && end + 1 < text.Length && !char.IsWhiteSpace(text[end + 1])) end++;
                else break;
            }
            if (candidates.Count > 0) spots.Add(new Spot(i, candidates.OrderByDescending(c => c.Length).ToList()));
        }
        return spots;
    }

    private static string EscapeLinkText(string text)
    {
        var escaped = new StringBuilder(text.Length + 4);
        foreach (var ch in text)
        {
            if (ch is '[' or ']' or '\\' or '*' or '_' or '`' or '<' or '>') escaped.Append('\\');
            escaped.Append(ch);
        }
        return escaped.ToString();
    }
}
