using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Infrastructure.Localization;

public static class LocalizationSetup
{
    public const string CookieName = ".rg.culture";
    public static readonly string[] SupportedCultures = ["fr", "en"];
    public const string DefaultCulture = "fr";

    public static IServiceCollection AddCommunityLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<IStringLocalizerFactory, CachingStringLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The visible switcher (cookie) wins; otherwise the browser's Accept-Language; otherwise French.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        // Model-binding messages ("the value is invalid") are localised like everything else. PostConfigure: MVC's own
        // setup (registered later by AddRazorPages) sets the English accessors in Configure and would overwrite ours.
        services.AddOptions<MvcOptions>().PostConfigure<IStringLocalizerFactory>((o, factory) =>
        {
            var l = factory.Create(typeof(Features.Strings));
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((v, f) => l["The value '{0}' is not valid for {1}.", v, f]);
            m.SetMissingBindRequiredValueAccessor(f => l["A value for {0} was not provided.", f]);
            m.SetMissingKeyOrValueAccessor(() => l["A value is required."]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => l["A non-empty request body is required."]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["The value '{0}' is not valid.", v]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["The value is not valid."]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => l["The field must be a number."]);
            m.SetUnknownValueIsInvalidAccessor(f => l["The value is not valid for {0}.", f]);
            m.SetValueIsInvalidAccessor(v => l["The value '{0}' is not valid.", v]);
            // An unnamed field is "this field": "The field this field must be a number." takes the fieldless message.
            m.SetValueMustBeANumberAccessor(f => f == l["this field"].Value
                ? l["The field must be a number."] : l["The field {0} must be a number.", f]);
            m.SetValueMustNotBeNullAccessor(f => l["A value is required."]);
            // These messages name the field: a property without a [Display] name would be named in C# ("… pour Frequency").
            o.ModelMetadataDetailsProviders.Add(new UnnamedFields(l));
        });
        return services;
    }

    /// <summary>The cookie value written by the language switcher (one year on the app's clock, readable by the server only).</summary>
    public static void WriteCultureCookie(HttpResponse response, string culture, bool secure) =>
        response.Cookies.Append(CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = response.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1),
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = secure, IsEssential = true,
            });

    public static bool IsSupported(string? culture) => culture is not null && SupportedCultures.Contains(culture);
}

/// <summary>
/// A bound property without a [Display] name is "this field" in messages, in the reader's language, never its C# name:
/// the binder's "The value '{0}' is not valid for {1}." showed "Frequency" to a member who typed a frequency of their own
/// into the digest preferences form. Added after DataAnnotations' provider, so a [Display] name wins.
/// </summary>
internal sealed class UnnamedFields(Microsoft.Extensions.Localization.IStringLocalizer strings)
    : Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DisplayMetadataProviderContext context)
    {
        if (context.Key.MetadataKind == Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.ModelMetadataKind.Property && context.DisplayMetadata.DisplayName is null)
            context.DisplayMetadata.DisplayName = () => strings["this field"];
    }
}
