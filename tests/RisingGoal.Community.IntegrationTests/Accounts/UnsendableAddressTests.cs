using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>Addresses Identity accepts but the mail library cannot send to are refused at the field, and leave no account behind.</summary>
public sealed class UnsendableAddressTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    public static TheoryData<string> Unsendable => new()
    {
        ".lead@example.org", "trail.@example.org", "dou..ble@example.org", "with space@example.org", "Name <name@example.org>",
    };

    [Theory]
    [MemberData(nameof(Unsendable))]
    public async Task Sign_up_with_an_unsendable_address_is_answered_at_the_field_and_creates_nothing(string address)
    {
        var client = factory.CreateFormClient("fr");

        var response = await client.RegisterAsync(address, "Member " + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.HtmlAsync();
        Assert.Equal("Saisissez une adresse e-mail valide, comme nom@exemple.org.", page.FieldError("Input.Email"));
        Assert.Equal(address, page.QuerySelector("#Input_Email")?.GetAttribute("value"));   // what they typed is kept
        using var scope = factory.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync(address));
        Assert.Empty(await factory.Services.OutboxRowsAsync("account:"));
    }

    [Theory]
    [MemberData(nameof(Unsendable))]
    public async Task The_takedown_form_refuses_an_unsendable_address_at_the_field(string address)
    {
        var response = await factory.CreateFormClient("fr").SubmitAsync("/takedown", new Dictionary<string, string>
        {
            ["Input.Email"] = address, ["Input.Case"] = "http://localhost/cases/1/x",
            ["Input.Passage"] = "Le DSI", ["Input.Kind"] = "Correction", ["Input.Explanation"] = "On me reconnaît.",
        }, "form.takedown");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cette adresse e-mail n’est pas valide.", (await response.HtmlAsync()).FieldError("Input.Email"));
        Assert.Empty(await factory.Services.OutboxRowsAsync("takedown:"));
    }
}
