using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Errors;

/// <summary>Friendly, localised status pages (404, 403, 405, 413, 429, 500, 503). Never shows exception details.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(
    IStringLocalizer<Strings> l, IStringLocalizer<Moderation.Strings> moderation, Moderation.ISuspensionCheck suspensions,
    Moderation.ModerationContact moderators, Browse.BrowseQueries browse, ILogger<ErrorModel> logger) : PageModel
{
    /// <summary>A way on from the page: a link a refused reader can follow.</summary>
    public sealed record NextStep(string Text, string Url);

    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    /// <summary>On a "not found" page: the tensions, a way back into the cases (empty when they cannot be read).</summary>
    public IReadOnlyList<Browse.TagChip> Tensions { get; private set; } = [];
    /// <summary>On an "access denied" page: what to do now that the reader knows why (sign in, their space, the cases).</summary>
    public IReadOnlyList<NextStep> NextSteps { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(int? code) => ShowAsync(code);
    public Task<IActionResult> OnPostAsync(int? code) => ShowAsync(code);

    private async Task<IActionResult> ShowAsync(int? code)
    {
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
        // Re-executed, the response already carries the original status (the code may not bind from a refused POST).
        var status = reExecuted ? Response.StatusCode : code ?? StatusCodes.Status500InternalServerError;
        (Title, Message) = status switch
        {
            404 => (l["Page not found"].Value, l["This page does not exist, or it is no longer public."].Value),
            403 => (l["Access denied"].Value, HttpContext.Items[Moderation.StaffOnlyAttribute.RefusalItem] as string ?? l["You are not allowed to do this."].Value),
            429 => (l["Too many requests"].Value, l["You are going a little fast. Please wait a moment and try again."].Value),
            413 => (l["Too much at once"].Value, l["What you sent is too large. Please shorten it and try again."].Value),
            405 => (l["Not possible here"].Value, l["This page does not do that. Go back and use its own buttons and links."].Value),
            400 => (l["Bad request"].Value, l["The request could not be understood. Please go back and try again."].Value),
            503 => (l["The site is busy"].Value, l["Nothing was saved. Go back: your text is still in the form. Then send it again in a few seconds."].Value),
            _ => (l["Something went wrong"].Value, l["An unexpected error occurred. It has been logged; please try again later."].Value),
        };
        // When re-executed by the status-code middleware the original status is kept; direct visits answer it too.
        if (!reExecuted)
            Response.StatusCode = status is >= 400 and < 600 ? status : 500;
        if (status == 403)
            (Message, NextSteps) = await RefusalAsync(reExecuted);
        if (status == 404)
            try { Tensions = (await browse.DimensionsAsync(HttpContext.RequestAborted)).Where(t => t.Kind == Taxonomy.TagKind.Tension).ToList(); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The tensions could not be read for the not-found page");   // an error page must still answer
            }
        return Page();
    }

    /// <summary>
    /// Why a 403, as far as the reader's own situation tells: not signed in, suspended (until when and why: their own
    /// suspension), a staff page, or someone else's post. Nothing about the refused item itself: the same words whether
    /// it exists or not.
    /// </summary>
    private async Task<(string Message, IReadOnlyList<NextStep> Next)> RefusalAsync(bool reExecuted)
    {
        var refused = reExecuted ? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()!.OriginalPath : "";
        var yourSpace = new NextStep(l["Your space"].Value, "/account");
        var cases = new NextStep(l["Browse the cases"].Value, "/cases");
        if (HttpContext.Items[Moderation.StaffOnlyAttribute.RefusalItem] is string staffSuspended)
            return (moderators.After(staffSuspended), [cases, yourSpace]);
        if (User.MemberIdOrNull() is not { } memberId)
        {
            var back = HttpMethods.IsGet(HttpContext.Request.Method) && IsWorthReturningTo(refused) ? ReturnUrls.Query(Url, refused) : "";
            return (l["This needs you to be signed in with an account allowed to do it."].Value,
                [new(l["Log in"].Value, "/account/login" + back), new(l["Join the community"].Value, "/account/register")]);
        }
        if (await suspensions.ActiveAsync(memberId, HttpContext.RequestAborted) is { } suspension)
            return (moderators.After(Moderation.WritePolicy.SuspendedMessage(moderation, suspension) + " " + l["You can still read the cases and discussions."].Value),
                [cases, yourSpace]);
        if (IsStaffArea(refused))
            return (l["This page is for the moderation team. Your own cases, replies and settings are in your space."].Value, [yourSpace, cases]);
        return (l["Only the author of a post, or the moderation team, can change it. Your own posts are in your space."].Value, [yourSpace, cases]);
    }

    private static bool IsStaffArea(string? path) =>
        path is not null && (path.StartsWith("/moderation", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/admin", StringComparison.OrdinalIgnoreCase));

    // The access-denied and error pages themselves are no place to come back to after signing in.
    private static bool IsWorthReturningTo(string? path) =>
        !string.IsNullOrEmpty(path) && !path.StartsWith("/error", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWith("/account/access-denied", StringComparison.OrdinalIgnoreCase);
}
