using System.Net;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Robustness;

/// <summary>
/// A form field of a value type (a checkbox's bool) sent empty, as a hand-made request or a broken client does: MVC's
/// implicit requirement used to answer in English whatever the page's language ("The RememberMe field is required.").
/// </summary>
public sealed class EmptyValueTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Theory]
    [InlineData("fr", "Une valeur est requise.")]
    [InlineData("en", "A value is required.")]
    public async Task An_empty_checkbox_value_gets_a_message_in_the_page_language(string language, string message)
    {
        var visitor = factory.CreateFormClient(language);
        var response = await visitor.SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = "personne@example.test", ["Input.Password"] = "Mot-de-passe-1", ["Input.RememberMe"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("field is required", html);
        Assert.Contains(message, html);
    }
}
