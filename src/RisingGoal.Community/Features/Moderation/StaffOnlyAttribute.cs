using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// On a page model: anonymous visitors are sent to log in, signed-in members without one of the roles get a plain 403
/// (not the cookie's access-denied redirect), for GET and POST alike. Roles are those held in the database at this
/// request (see <see cref="StaffAccess"/>), so a revoked moderator is refused at once. A staff member whose sign-in did
/// not use a second factor is sent to the two-factor page first, before any staff page or action.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StaffOnlyAttribute(params string[] roles) : Attribute, IAuthorizationFilter
{
    public StaffOnlyAttribute() : this(Roles.Moderator, Roles.Administrator) { }

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true)
            context.Result = new ChallengeResult();
        else if (!roles.Any(user.IsInRole))
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        else if (!user.SignedInWithSecondFactor())
        {
            var request = context.HttpContext.Request;
            var back = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();
            context.Result = new RedirectResult(StaffAccess.SetupUrl(back));
        }
    }
}
