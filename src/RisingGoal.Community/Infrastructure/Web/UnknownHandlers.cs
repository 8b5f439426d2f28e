using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// A request no handler of the page answers — a POST to a page without that handler, or a GET naming a handler that does not exist —
/// would otherwise render the page with none of its data loaded: a 500 for anyone who crafts the URL. It gets 404
/// (GET, HEAD) or 405 (any other method) instead, rendered by the localised error page.
/// </summary>
public sealed class UnknownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is not null) return;
        var method = context.HttpContext.Request.Method;
        var readOnly = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        // A GET without a handler name renders the page as it always did (some pages have no OnGet at all).
        if (readOnly && !context.RouteData.Values.ContainsKey("handler") && !context.HttpContext.Request.Query.ContainsKey("handler")) return;
        context.Result = new StatusCodeResult(readOnly ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}
