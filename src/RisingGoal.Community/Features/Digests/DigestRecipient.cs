using System.Globalization;

namespace RisingGoal.Community.Features.Digests;

/// <summary>Who a digest is for: enough to select, localise and address it.</summary>
public sealed record DigestRecipient(string MemberId, string Email, string DisplayName, string Culture, IReadOnlyList<int> FollowedTagIds)
{
    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture is "en" ? "en" : "fr");
}
