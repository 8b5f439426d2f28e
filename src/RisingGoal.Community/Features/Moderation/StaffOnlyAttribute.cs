using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// On a page model: anonymous visitors are sent to log in, signed-in members without one of the roles get a plain 403
/// (not the cookie's access-denied redirect), for GET and POST alike. Roles are those held in the database at this
/// request (see <see cref="StaffAccess"/>), so a revoked moderator is refused at once. A staff member whose sign-in did
/// not use a second factor is sent to the two-factor page first, before any staff page or action. A suspended staff
/// member may still read staff pages but writes nothing through them (every staff write, reveals included, is a POST):
/// a 403 page saying until when and why, before any handler runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StaffOnlyAttribute(params string[] roles) : Attribute, IAsyncAuthorizationFilter
{
    /// <summary>The suspension refusal, in <c>HttpContext.Items</c>, for the 403 page to show instead of its general message.</summary>
    public const string RefusalItem = "StaffOnly.SuspendedRefusal";

    public StaffOnlyAttribute() : this(Roles.Moderator, Roles.Administrator) { }

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        var request = context.HttpContext.Request;
        if (user.Identity?.IsAuthenticated != true)
            context.Result = new ChallengeResult();
        else if (!roles.Any(user.IsInRole))
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        else if (!user.SignedInWithSecondFactor())
        {
            var back = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();
            context.Result = new RedirectResult(StaffAccess.SetupUrl(back));
        }
        // Reading costs no query: only a write asks whether its author is suspended (staff writes are few).
        else if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
                 && await SuspensionOfAsync(context.HttpContext) is { } suspension)
        {
            var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
            context.HttpContext.Items[RefusalItem] = WritePolicy.SuspendedMessage(l, suspension);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
    }

    private static async Task<SuspensionNotice?> SuspensionOfAsync(HttpContext http) =>
        http.User.MemberIdOrNull() is { } memberId
            ? await http.RequestServices.GetRequiredService<ISuspensionCheck>().ActiveAsync(memberId, http.RequestAborted)
            : null;
}
