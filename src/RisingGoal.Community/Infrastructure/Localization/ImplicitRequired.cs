using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Infrastructure.Localization;

/// <summary>
/// MVC treats every non-nullable value type it binds (a bool, an int, an enum, a date) as required and, when a form
/// sends one empty, adds its own <see cref="RequiredAttribute"/> whose built-in English ("The RememberMe field is
/// required.") goes past our resources. This gives those implicit requirements the same rule with a message we
/// translate, found in the feature's resources or, failing that, the shared ones (<see cref="WithSharedFallback"/>).
/// </summary>
public sealed class ImplicitRequired : IValidationMetadataProvider
{
    public const string Message = "A value is required.";

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.MetadataKind != ModelMetadataKind.Property) return;
        var type = context.Key.ModelType;
        if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null) return;
        if (context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>().Any()) return;
        context.ValidationMetadata.ValidatorMetadata.Add(new RequiredAttribute { ErrorMessage = Message });
    }

    /// <summary>Validation messages from the feature's resources, else from the shared ones (where the binding messages live), numbers grouped.</summary>
    public static IStringLocalizer WithSharedFallback(IStringLocalizer feature, IStringLocalizer shared) => new Fallback(feature, shared);

    private sealed class Fallback(IStringLocalizer feature, IStringLocalizer shared) : IStringLocalizer
    {
        public LocalizedString this[string name] => feature[name] is { ResourceNotFound: false } found ? found : shared[name];

        // Validation arguments are lengths and bounds: grouped like every count ("au plus 40 000 caractères").
        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var grouped = Numbers.Grouped(arguments);
                return feature[name, grouped] is { ResourceNotFound: false } found ? found : shared[name, grouped];
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => feature.GetAllStrings(includeParentCultures);
    }
}
