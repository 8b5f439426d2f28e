using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// On a page model: anonymous visitors are sent to log in, signed-in members without one of the roles get a plain 403
/// (not the cookie's access-denied redirect), for GET and POST alike. Roles are those held in the database at this
/// request (see <see cref="StaffAccess"/>), so a revoked moderator is refused at once. A suspended staff member holds
/// no staff role while suspended (<see cref="StaffAccess"/> drops them): no staff page shows them pending or hidden
/// text, and every GET and POST answers a 403 page saying until when and why, before any handler runs. A staff member
/// whose sign-in did not use a second factor is sent to the two-factor page first, before any staff page or action.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StaffOnlyAttribute(params string[] roles) : Attribute, IAsyncAuthorizationFilter
{
    /// <summary>The suspension refusal, in <c>HttpContext.Items</c>, for the 403 page to show instead of its general message.</summary>
    public const string RefusalItem = "StaffOnly.SuspendedRefusal";

    public StaffOnlyAttribute() : this(Roles.Moderator, Roles.Administrator) { }

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        var request = context.HttpContext.Request;
        if (user.Identity?.IsAuthenticated != true)
            context.Result = new ChallengeResult();
        else if (!roles.Any(user.IsInRole))
        {
            if (context.HttpContext.RequestServices.GetRequiredService<StaffStanding>().Suspension is { } suspended)
                Refuse(context, suspended);
            else
                context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
        else if (!user.SignedInWithSecondFactor())
        {
            var back = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();
            context.Result = new RedirectResult(StaffAccess.SetupUrl(back));
        }
        return Task.CompletedTask;
    }

    private static void Refuse(AuthorizationFilterContext context, SuspensionNotice suspension)
    {
        var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        context.HttpContext.Items[RefusalItem] = WritePolicy.SuspendedMessage(l, suspension);
        context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }
}
