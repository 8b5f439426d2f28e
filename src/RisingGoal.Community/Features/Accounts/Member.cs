using Microsoft.AspNetCore.Identity;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>A community member. The e-mail stays private; only <see cref="DisplayName"/> is ever shown.</summary>
public sealed class Member : IdentityUser
{
    public const int DisplayNameMaxLength = 40;

    public string DisplayName { get; set; } = "";

    /// <summary>"fr" or "en": the language of every e-mail sent to this member.</summary>
    public string PreferredCulture { get; set; } = "fr";

    public DateTime CreatedUtc { get; set; }
}
