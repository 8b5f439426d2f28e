namespace RisingGoal.Community.Features.Cases;

public static class CaseUrls
{
    public static string Read(int id, string slug) => $"/cases/{id}/{slug}";
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
