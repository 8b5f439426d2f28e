using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Tests.Accounts;

public sealed class AccountRulesTests
{
    [Fact]
    public void The_describer_overrides_every_identity_error()
    {
        var missing = typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError))
            .Where(m => typeof(LocalizedIdentityErrorDescriber).GetMethod(m.Name, m.GetParameters().Select(p => p.ParameterType).ToArray())?.DeclaringType
                        != typeof(LocalizedIdentityErrorDescriber))
            .Select(m => m.Name).ToList();
        Assert.True(missing.Count == 0, "Not localised: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("fr", "Le mot de passe doit compter au moins 10 caractères.")]
    [InlineData("en", "The password must be at least 10 characters long.")]
    public void Identity_errors_follow_the_ui_culture(string culture, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
            var describer = new LocalizedIdentityErrorDescriber(new StringLocalizer<Strings>(factory));
            var error = describer.PasswordTooShort(10);
            Assert.Equal(expected, error.Description);
            Assert.Equal("Input.NewPassword", IdentityErrorFields.FieldFor(error.Code, "Input.NewPassword", "Input"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("DuplicateEmail", "Input.Email")]
    [InlineData("InvalidEmail", "Input.Email")]
    [InlineData("DuplicateDisplayName", "Input.DisplayName")]
    [InlineData("PasswordRequiresDigit", "Input.Password")]
    [InlineData("PasswordMismatch", "")]
    [InlineData("InvalidToken", "")]
    public void Identity_errors_land_on_their_field(string code, string field) =>
        Assert.Equal(field, IdentityErrorFields.FieldFor(code, "Input.Password", "Input"));

    [Fact]
    public void Display_names_are_cleaned_and_compared_without_case()
    {
        var member = Member.Create(" claire@example.org ", "  Claire   D.  ", "fr", new DateTime(2030, 1, 7, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal("Claire D.", member.DisplayName);
        Assert.Equal("CLAIRE D.", member.NormalizedDisplayName);
        Assert.Equal("claire@example.org", member.Email);
        Assert.Equal(member.Id, member.UserName);
        Assert.Equal(member.NormalizedDisplayName, Member.NormalizeDisplayName("claire d."));
    }
}
