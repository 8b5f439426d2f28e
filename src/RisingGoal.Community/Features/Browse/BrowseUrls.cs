using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Browse;

public static class BrowseUrls
{
    public static string Case(int id, string slug) => $"/cases/{id}/{slug}";

    public static string Tag(TagKind kind, string slug) => kind switch
    {
        TagKind.Tension => $"/tensions/{slug}",
        TagKind.DriftType => $"/drifts/{slug}",
        _ => $"/tags#{slug}",
    };

    public static string Intersection(string driftSlug, string tensionSlug) =>
        $"/cases?drift={Uri.EscapeDataString(driftSlug)}&tension={Uri.EscapeDataString(tensionSlug)}";

    /// <summary>The composer with this drift type and tension already ticked (from an empty matrix cell).</summary>
    public static string ComposerFor(string driftSlug, string tensionSlug) =>
        $"/cases/new?drift={Uri.EscapeDataString(driftSlug)}&tension={Uri.EscapeDataString(tensionSlug)}";

    public static string Member(string displayName) => $"/members/{Uri.EscapeDataString(displayName)}";
}
