using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace RisingGoal.Community.Infrastructure.Mail;

/// <summary>
/// An e-mail address the site can send to: parsed by MimeKit (the parser that will send to it), strictly, and equal
/// to what was typed. Identity's and DataAnnotations' checks let through addresses MimeKit refuses (leading, trailing
/// or doubled dots, spaces, the "Name &lt;address&gt;" form), which would fail when the first mail is written.
/// Marks the field as an e-mail input like <see cref="EmailAddressAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MailAddressAttribute() : DataTypeAttribute(DataType.EmailAddress)
{
    public override bool IsValid(object? value) => value is null || value is string s && (s.Length == 0 || MailAddresses.IsValid(s));
}

public static class MailAddresses
{
    /// <summary>RFC 5321: a path is at most 256 octets with its brackets.</summary>
    public const int MaxLength = 254;

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        Rfc2047ComplianceMode = RfcComplianceMode.Strict,
    };

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength || address.Any(char.IsControl))
            return false;
        if (!MailboxAddress.TryParse(Strict, address, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0)
            return false;
        if (!string.Equals(mailbox.Address, address, StringComparison.Ordinal))
            return false;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return false;
        var local = address[..at];
        var domain = address[(at + 1)..];
        // Strict parsing still takes some dotted forms an SMTP server refuses: reject them here.
        if (!local.StartsWith('"') && (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..")))
            return false;
        return !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..") && !domain.Contains(' ');
    }
}

/// <summary>
/// MVC localises a validation attribute's message only through an adapter: this one gives <see cref="MailAddressAttribute"/>
/// the adapter <see cref="EmailAddressAttribute"/> has, and leaves every other attribute to MVC's own provider.
/// </summary>
internal sealed class MailAddressAdapterProvider : IValidationAttributeAdapterProvider
{
    private readonly ValidationAttributeAdapterProvider _builtIn = new();

    public IAttributeAdapter? GetAttributeAdapter(ValidationAttribute attribute, IStringLocalizer? stringLocalizer) =>
        attribute is MailAddressAttribute mail ? new Adapter(mail, stringLocalizer) : _builtIn.GetAttributeAdapter(attribute, stringLocalizer);

    private sealed class Adapter(MailAddressAttribute attribute, IStringLocalizer? localizer) : AttributeAdapterBase<MailAddressAttribute>(attribute, localizer)
    {
        public override void AddValidation(ClientModelValidationContext context)
        {
            MergeAttribute(context.Attributes, "data-val", "true");
            MergeAttribute(context.Attributes, "data-val-email", GetErrorMessage(context));
        }

        public override string GetErrorMessage(ModelValidationContextBase validationContext) =>
            GetErrorMessage(validationContext.ModelMetadata, validationContext.ModelMetadata.GetDisplayName());
    }
}
