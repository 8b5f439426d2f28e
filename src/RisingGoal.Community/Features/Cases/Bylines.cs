namespace RisingGoal.Community.Features.Cases;

/// <summary>Who wrote something, as shown: a display name with a profile link, a pseudonym without one, or a former member (no name).</summary>
public sealed record Byline(string? Name, string? ProfileUrl)
{
    public static readonly Byline FormerMember = new(null, null);

    /// <summary>True when this byline is a pseudonym: nothing here may lead to the account.</summary>
    public bool IsPseudonym => Name is not null && ProfileUrl is null;
}

/// <summary>Who wrote a case and under which name: all the byline rule needs to know about the discussion.</summary>
public sealed record CaseAuthorship(string? AuthorId, string? Pseudonym);

/// <summary>
/// The one pseudonym rule, for every surface (pages, lists, feeds, e-mails, moderation, exports to others):
/// a case published under a pseudonym shows the pseudonym, and so does everything its author writes in that
/// discussion (replies, follow-ups, edits). The same reader sees the same byline everywhere: staff included, until a
/// logged reveal. Anyone else's post, and the author's posts in other discussions, carry their display name.
/// </summary>
public static class Bylines
{
    /// <summary>
    /// Whether the post by <paramref name="postAuthorId"/> in this discussion is shown under the pseudonym (the case
    /// itself included: pass the case's author). A detached post (deleted account) is never tied back to anyone, except
    /// the case's author's own (<paramref name="keepsPseudonym"/>, the post's stored mark, e.g. <see cref="Reply.KeepsPseudonym"/>):
    /// turning "Former member" the moment one account disappears would tie the pseudonym to it.
    /// </summary>
    public static bool UnderPseudonym(CaseAuthorship @case, string? postAuthorId, bool keepsPseudonym = false) =>
        @case.Pseudonym is not null && (keepsPseudonym || (postAuthorId is not null && postAuthorId == @case.AuthorId));

    /// <summary>The byline of the case: its pseudonym, else its author's display name (null when the account is gone).</summary>
    public static Byline ForCase(CaseAuthorship @case, string? authorDisplayName) =>
        @case.Pseudonym is not null ? new Byline(@case.Pseudonym, null) : Named(authorDisplayName);

    /// <summary>
    /// The byline of a reply, follow-up or revision written in the discussion of <paramref name="case"/>; pass the
    /// post's stored <paramref name="keepsPseudonym"/> mark wherever the post is read (<see cref="UnderPseudonym"/>).
    /// </summary>
    public static Byline ForPost(CaseAuthorship @case, string? postAuthorId, string? postAuthorDisplayName, bool keepsPseudonym = false) =>
        UnderPseudonym(@case, postAuthorId, keepsPseudonym) ? new Byline(@case.Pseudonym, null)
        : postAuthorId is null ? Byline.FormerMember
        : Named(postAuthorDisplayName);

    /// <summary>
    /// The byline of a follow-up as <paramref name="shown"/> by <see cref="ForPost"/>, except a detached follow-up (no
    /// account) under a detached pseudonymous case (its author's account deleted, or demo content, which has none): the
    /// case's pseudonym. A follow-up goes on with the case's story, and only its author or a moderator writes one. It
    /// reveals nothing the case does not: the pseudonym is on the case already, and neither has an account to lead to.
    /// While the case's account exists, a detached follow-up was someone else's (a moderator's, deleted since): not tied.
    /// </summary>
    public static Byline ForFollowUp(Byline shown, Byline @case, string? caseAuthorId) =>
        shown == Byline.FormerMember && caseAuthorId is null && @case.IsPseudonym ? @case : shown;

    private static Byline Named(string? displayName) =>
        displayName is null ? Byline.FormerMember : new Byline(displayName, "/members/" + Uri.EscapeDataString(displayName));
}
