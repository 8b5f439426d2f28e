using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Browse;

/// <summary>A drift type or tension shown on a row, with what is needed to name and link it.</summary>
public sealed record TagChip(int Id, TagKind Kind, string Slug, string NameFr, string NameEn)
{
    public string Name(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? NameEn : NameFr;
    public string Url => BrowseUrls.Tag(Kind, Slug);
}

/// <summary>
/// One case in a list, with its byline (<see cref="Bylines"/>): a pseudonymous row never carries anything that leads
/// to the account.
/// </summary>
public sealed record CaseRow(
    int Id, string Slug, string Title, string Summary, Byline By,
    DateTime PublishedUtc, DateTime LastActivityUtc, int ReplyCount, int ResonanceCount, FollowUpStatus? LatestFollowUp)
{
    public IReadOnlyList<TagChip> Tags { get; init; } = [];
    /// <summary>The language the case is written in: its title and summary carry it when it is not the page's.</summary>
    public string Language { get; init; } = CaseLanguages.French;
    public string Url => BrowseUrls.Case(Id, Slug);
}

/// <summary>A page of rows and the cursor of the next page (null on the last page).</summary>
public sealed record CaseListPage(IReadOnlyList<CaseRow> Rows, CaseCursor? Next);

/// <summary>
/// A discussion on its replier's profile: how many published replies they left there, and the latest one (where the
/// link goes).
/// </summary>
public sealed record ProfileReplyRow(int LatestReplyId, int CaseId, string CaseSlug, string CaseTitle, DateTime LatestUtc)
{
    public int Count { get; init; } = 1;
    public string Url => CaseUrls.Reply(CaseId, LatestReplyId);
}
