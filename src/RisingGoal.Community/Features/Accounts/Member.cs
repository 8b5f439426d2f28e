using Microsoft.AspNetCore.Identity;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>A community member. The e-mail stays private; only <see cref="DisplayName"/> is ever shown.</summary>
public sealed class Member : IdentityUser
{
    public const int DisplayNameMinLength = 2;
    public const int DisplayNameMaxLength = 40;

    private string _displayName = "";

    /// <summary>Public name, cleaned on assignment (trimmed, inner spaces collapsed); also sets <see cref="NormalizedDisplayName"/>.</summary>
    public string DisplayName
    {
        get => _displayName;
        set
        {
            _displayName = CleanDisplayName(value);
            NormalizedDisplayName = NormalizeDisplayName(_displayName);
        }
    }

    /// <summary>Upper-cased display name; a unique index makes display names unique whatever their case.</summary>
    public string NormalizedDisplayName { get; private set; } = "";

    /// <summary>"fr" or "en": the language of every e-mail sent to this member.</summary>
    public string PreferredCulture { get; set; } = "fr";

    public DateTime CreatedUtc { get; set; }

    /// <summary>A new member whose user name is their (stable, non-identifying) id; they sign in with their e-mail.</summary>
    public static Member Create(string email, string displayName, string culture, DateTime utcNow)
    {
        var member = new Member { Email = email.Trim(), DisplayName = displayName, PreferredCulture = culture, CreatedUtc = utcNow };
        member.UserName = member.Id;
        return member;
    }

    /// <summary>Trims and collapses inner runs of white space.</summary>
    public static string CleanDisplayName(string? name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string NormalizeDisplayName(string? name) => CleanDisplayName(name).ToUpperInvariant();

    /// <summary>
    /// Names no member may take as display name or pseudonym: staff titles, the labels the site itself shows for a
    /// deleted member, a pseudonymous author or an automatic action. Compared folded (<see cref="NameFolding"/>).
    /// </summary>
    private static readonly HashSet<string> Reserved = new[]
    {
        "Administrateur", "Administratrice", "Administrator", "Admin", "Modérateur", "Modératrice", "Moderator", "Modération",
        "Modo", "Staff", "Équipe", "L’équipe", "Support", "Ancien membre", "Former member", "Un ancien membre", "A former member",
        "Un ancien modérateur", "A former moderator", "Auteur sous pseudonyme", "Pseudonymous author", "Pseudonyme", "Pseudonym",
        "Automatique", "Automatic", "Rising Goal", "Rising Goal Community",
    }.Select(NameFolding.Fold).ToHashSet();

    public static bool IsReservedDisplayName(string? name) => Reserved.Contains(NameFolding.Fold(name));
}
