using System.Text;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Notifications;

public sealed record MentionedMember(string Id, string DisplayName);

/// <summary>
/// A reply's text with its mentions resolved: <see cref="Markdown"/> to store (the <c>@Name</c>s as written, or as they
/// now read after a rename), <see cref="Linked"/> to render (each mention a link to the member's profile), and the
/// members mentioned, recorded with the reply (<see cref="Cases.ReplyMention"/>) so that the mention follows them.
/// </summary>
public sealed record MentionedText(string Markdown, string Linked, IReadOnlyList<string> MemberIds);

/// <summary>
/// Whom a text written earlier may still mention: only the members recorded with it (a renamed or erased member's old
/// name, if someone takes it later, is not them), or, for a text written before mentions were recorded, only members who
/// had joined when it was written (a newcomer who took a name since is not whom it meant).
/// </summary>
public sealed record MentionScope(IReadOnlySet<string>? Recorded, DateTime? JoinedBy)
{
    public static readonly MentionScope Anyone = new(null, null);
}

/// <summary>
/// <c>@DisplayName</c> in a reply: display names may hold spaces, so each <c>@</c> offers its next one to four words and
/// the longest that names a member wins (one query for the whole text). Pseudonyms are never display names (a pseudonym
/// cannot pass for someone), so they cannot be mentioned; and a pseudonym in use, compared as names are
/// (<see cref="NameFolding"/>), stops its <c>@</c>: "@Plume Grise" never falls back to a member "Plume" (often its author).
/// A mention is resolved once, when the text is written, and recorded with the reply; after that it follows the member:
/// a rename rewrites it, an erased account leaves the name unlinked (<see cref="Cases.MentionsFollowMembers"/>).
/// </summary>
public sealed class Mentions(CommunityDbContext db)
{
    /// <summary>At most this many mentions per reply are resolved (and notified).</summary>
    public const int MaxMentions = 10;
    private const int MaxWords = 4;

    /// <summary>The text with each mention turned into a Markdown link to the member's profile, and who is mentioned.</summary>
    public Task<MentionedText> LinkAsync(string markdown, CancellationToken ct = default) =>
        FollowAsync(markdown, MentionScope.Anyone, new Dictionary<string, string?>(), ct);

    /// <summary>
    /// As <see cref="LinkAsync"/>, for a text written earlier: only members in <paramref name="scope"/> are mentioned, and
    /// a member in <paramref name="changed"/> is written under their new name (the value) or, erased (null), left as
    /// written without a link. Call before the rename is saved: names are matched as they were.
    /// </summary>
    public async Task<MentionedText> FollowAsync(string markdown, MentionScope scope, IReadOnlyDictionary<string, string?> changed,
        CancellationToken ct = default)
    {
        var matches = await FindAsync(markdown, scope, ct);
        if (matches.Count == 0) return new MentionedText(markdown, markdown, []);
        var (text, linked, ids) = (new StringBuilder(), new StringBuilder(), new List<string>());
        var at = 0;
        foreach (var (spot, match, member) in matches)
        {
            if (spot.Start < at) continue;
            var before = markdown.AsSpan(at, spot.Start - at);
            text.Append(before);
            linked.Append(before);
            var written = markdown.Substring(spot.Start + 1, match.Length);
            at = spot.Start + 1 + match.Length;
            if (changed.TryGetValue(member.Id, out var newName) && newName is null)
            {
                text.Append('@').Append(written);     // erased: the name as written, linked to nobody
                linked.Append('@').Append(written);
                continue;
            }
            var name = newName ?? member.DisplayName;
            var shown = newName ?? written;
            text.Append('@').Append(shown);
            linked.Append("[@").Append(EscapeLinkText(shown)).Append("](/members/").Append(Uri.EscapeDataString(name)).Append(')');
            if (!ids.Contains(member.Id)) ids.Add(member.Id);
        }
        text.Append(markdown, at, markdown.Length - at);
        linked.Append(markdown, at, markdown.Length - at);
        return new MentionedText(text.ToString(), linked.ToString(), ids);
    }

    private readonly record struct Candidate(string Normalized, int Length);
    private sealed record Spot(int Start, List<Candidate> Candidates);

    /// <summary>Each spot's mention: its longest candidate naming a member, unless a longer or equal one is a pseudonym in use.</summary>
    private async Task<List<(Spot Spot, Candidate Match, MentionedMember Member)>> FindAsync(string markdown, MentionScope scope, CancellationToken ct)
    {
        var spots = Spots(markdown);
        if (spots.Count == 0) return [];
        var names = spots.SelectMany(s => s.Candidates.Select(c => c.Normalized)).Distinct().ToList();
        var found = (await db.Set<Member>().AsNoTracking().Where(m => names.Contains(m.NormalizedDisplayName) && m.EmailConfirmed)
            .Select(m => new { m.NormalizedDisplayName, m.Id, m.DisplayName, m.CreatedUtc }).ToListAsync(ct))
            .Where(m => (scope.Recorded is null || scope.Recorded.Contains(m.Id)) && (scope.JoinedBy is null || m.CreatedUtc <= scope.JoinedBy))
            .ToList();
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
