using Microsoft.AspNetCore.Mvc.Filters;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// <c>Cache-Control: no-store</c> on every response of the account pages (the data export, the address, recovery codes,
/// links carrying tokens): no browser, proxy or shared computer keeps a copy. Applied to the whole Accounts folder.
/// </summary>
public sealed class NoStoreAttribute : Attribute, IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
