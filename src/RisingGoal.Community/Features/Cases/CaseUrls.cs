namespace RisingGoal.Community.Features.Cases;

public static class CaseUrls
{
    public static string Read(int id, string slug) => $"/cases/{id}/{slug}";

    /// <summary>
    /// One page of a long discussion: page 1 is the case's own URL. <paramref name="sort"/> is carried as is (an ordering
    /// of the replies, when the page offers one), so paging never loses it.
    /// </summary>
    public static string Read(int id, string slug, int page, string? sort = null)
    {
        var query = new List<string>(2);
        if (!string.IsNullOrEmpty(sort)) query.Add("sort=" + Uri.EscapeDataString(sort));
        if (page > 1) query.Add("page=" + page);
        return query.Count == 0 ? Read(id, slug) : Read(id, slug) + "?" + string.Join('&', query);
    }

    /// <summary>The permalink of a reply: answers with a redirect to the page it is on, at its anchor.</summary>
    public static string Reply(int caseId, int replyId) => $"/cases/{caseId}/replies/{replyId}";

    /// <summary>The reply's anchor on its page.</summary>
    public static string ReplyAnchor(int replyId) => $"reply-{replyId}";

    public static string Edit(int id) => $"/cases/{id}/edit";
    /// <summary>The composer reopened on a saved draft.</summary>
    public static string Draft(Guid id) => $"/cases/new?draft={id:D}";
    public static string Revisions(int id) => $"/cases/{id}/revisions";
    public static string Tag(Taxonomy.TagKind kind, string slug) => kind switch
    {
        Taxonomy.TagKind.Tension => $"/tensions/{slug}",
        Taxonomy.TagKind.DriftType => $"/drifts/{slug}",
        _ => "",
    };
}
