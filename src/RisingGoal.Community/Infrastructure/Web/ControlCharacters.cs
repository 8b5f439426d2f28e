using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Control characters never reach the application from a form: a NUL pasted into a title is removed while binding,
/// the member keeps what they typed, and anything still wrong (an empty required field) is answered at the field.
/// </summary>
public static class ControlCharacters
{
    /// <summary>
    /// <paramref name="value"/> without control characters (C0, DEL, C1); a multi-line field
    /// (<c>[DataType(DataType.MultilineText)]</c>) keeps its line breaks and tabs. The same instance when nothing is removed.
    /// </summary>
    public static string Strip(string value, bool multiLine)
    {
        var first = value.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (first < 0 && value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') < 0) return value;
        var kept = new StringBuilder(value.Length);
        foreach (var c in value)
            if (!char.IsControl(c) || multiLine && c is '\n' or '\r' or '\t')
                kept.Append(c);
        return kept.ToString();
    }

    /// <summary>Text safe to hand to an <see cref="XmlWriter"/>: characters XML 1.0 forbids (control characters, lone surrogates) are dropped.</summary>
    public static string ForXml(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        try
        {
            XmlConvert.VerifyXmlChars(value);
            return value;
        }
        catch (XmlException)
        {
        }
        var kept = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
                kept.Append(value[i]).Append(value[++i]);
            else if (XmlConvert.IsXmlChar(value[i]))
                kept.Append(value[i]);
        }
        return kept.ToString();
    }

    /// <summary>
    /// ASP.NET Core's form reader refuses a whole form holding one NUL ("%00"): the antiforgery check then answers a
    /// bare 400 and the member loses everything they typed. This removes NULs from URL-encoded bodies before anything
    /// reads them (after <see cref="RequestLimits"/>, so the body is bounded); the model binder strips the rest.
    /// </summary>
    public static IApplicationBuilder UseNulStripping(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var reExecuted = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;   // the error page reads no body
        if (!reExecuted && HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            var cleaned = WithoutNul(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            request.Body = new MemoryStream(cleaned, writable: false);
            request.ContentLength = cleaned.Length;
        }
        await next(context);
    });

    /// <summary>The URL-encoded bytes without "%00" escapes and raw NUL bytes.</summary>
    internal static byte[] WithoutNul(ReadOnlySpan<byte> body)
    {
        var kept = new byte[body.Length];
        var length = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == 0) continue;
            if (body[i] == (byte)'%' && i + 2 < body.Length && body[i + 1] == (byte)'0' && body[i + 2] == (byte)'0')
            {
                i += 2;
                continue;
            }
            kept[length++] = body[i];
        }
        return kept[..length];
    }

    /// <summary>Binds every string from forms, queries and routes through <see cref="Strip"/>.</summary>
    public static void AddControlCharacterStripping(this MvcOptions options) => options.ModelBinderProviders.Insert(0, new BinderProvider());

    private sealed class BinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            if (context.Metadata.ModelType != typeof(string) || context.BindingInfo.BindingSource is { IsGreedy: true })
                return null;   // bodies, headers and services bind their own way
            var inner = new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>());
            return new Binder(inner, context.Metadata.DataTypeName == nameof(DataType.MultilineText));
        }
    }

    private sealed class Binder(IModelBinder inner, bool multiLine) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (context.Result is not { IsModelSet: true, Model: string value }) return;
            var clean = Strip(value, multiLine);
            if (ReferenceEquals(clean, value)) return;
            context.Result = ModelBindingResult.Success(clean);
            context.ModelState.SetModelValue(context.ModelName, clean, clean);   // redisplayed as cleaned, nothing else lost
        }
    }
}
