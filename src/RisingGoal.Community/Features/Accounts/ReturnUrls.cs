using Microsoft.AspNetCore.Mvc;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Where sign-up, log-in and the confirmation link bring a person back to: only a local path of this site (never
/// another site: no open redirect, "//evil.example" and "/\evil.example" included), and a short one.
/// </summary>
public static class ReturnUrls
{
    public const int MaxLength = 300;

    public static string? Safe(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= MaxLength && url.IsLocalUrl(returnUrl) ? returnUrl : null;

    /// <summary>"?returnUrl=…" for a link between the sign-in pages, or nothing when there is no safe place to return to.</summary>
    public static string Query(IUrlHelper url, string? returnUrl) =>
        Safe(url, returnUrl) is { } back ? "?returnUrl=" + Uri.EscapeDataString(back) : "";

    /// <summary>The composer (or a draft of it): the sign-in pages then explain what happens to a first case.</summary>
    public static bool IsComposer(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/cases/new", StringComparison.OrdinalIgnoreCase);
}
