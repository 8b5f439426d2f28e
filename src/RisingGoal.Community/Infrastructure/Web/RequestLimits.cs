using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// One cap on request bodies, sized from the largest legitimate form, and a clear 413 page (never a 500) beyond it.
/// </summary>
/// <remarks>
/// The largest form is the case form: about 46,000 characters of text at most (title, summary, body, outcome, open
/// question, region), which percent-encoded UTF-8 turns into at most 9 bytes per character (<c>%E2%80%99</c>), plus
/// tags and tokens: about 420 KB. 1 MiB leaves room and still refuses a 5 MB post before anything reads it.
/// </remarks>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxBodyBytes);
        services.Configure<FormOptions>(o =>
        {
            o.ValueLengthLimit = (int)MaxBodyBytes;
            o.MultipartBodyLengthLimit = MaxBodyBytes;
            o.BufferBodyLengthLimit = MaxBodyBytes;
        });
        return services;
    }

    /// <summary>
    /// Refuses a declared oversized body at once; a chunked one is cut by the server's limit (Kestrel) or the form
    /// reader's, whose exceptions are answered here with 413 (the status-code pages then show the localised page).
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);   // the error page, re-executed for the refused request: it reads no body
            return;
        }
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxBodyBytes;
        if (context.Request.ContentLength is null && context.Request.HasFormContentType && !await FitsAsync(context))
        {
            // A body sent without a declared length (chunked): read up to the cap before anything binds it, since
            // MVC turns a form reader's failure into a bare 400.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsTooLarge(ex) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
    });

    private static async Task<bool> FitsAsync(HttpContext context)
    {
        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes);
        try
        {
            await context.Request.Body.DrainAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException || IsTooLarge(ex))
        {
            return false;
        }
        context.Request.Body.Position = 0;
        return true;
    }

    private static bool IsTooLarge(Exception ex) => ex switch
    {
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode == StatusCodes.Status413PayloadTooLarge,
        InvalidDataException => true,   // the form reader's limits (value length, body length)
        ValueProviderException { InnerException: { } inner } => IsTooLarge(inner),
        _ => false,
    };
}
