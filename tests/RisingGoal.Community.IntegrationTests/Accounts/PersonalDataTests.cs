using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>
/// A feature's personal data, as another feature would declare it: a section in the export, and an erase step that
/// writes to the database inside the deletion transaction (here it renames the member's security stamp marker).
/// </summary>
public sealed class PersonalDataTests : IDisposable
{
    private readonly CommunityAppFactory _root = new();
    private readonly WebApplicationFactory<Program> _factory;

    public PersonalDataTests() =>
        _factory = _root.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddScoped<IPersonalData, NotesPersonalData>()));

    [Fact]
    public async Task Export_has_a_section_from_each_feature_and_a_failed_erase_keeps_the_account()
    {
        var client = await SignedInAsync("notes@example.org", "Note Taker");
        using (var json = JsonDocument.Parse(await client.Http.GetStringAsync("/account/export")))
            Assert.Equal("notes of Note Taker", json.RootElement.GetProperty("notes").GetProperty("summary").GetString());

        NotesPersonalData.FailNextErase = true;
        var failed = await client.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Input.Password"] = AccountSteps.Password });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using (var scope = _factory.Services.CreateScope())
        {
            var member = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync("notes@example.org");
            Assert.NotNull(member);
            Assert.Equal("Note Taker", member.DisplayName);   // the erase step's write was rolled back too
        }

        var deleted = await client.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Input.Password"] = AccountSteps.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("notes@example.org", NotesPersonalData.Erased);
    }

    private async Task<FormClient> SignedInAsync(string email, string name)
    {
        var client = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = false }));
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        await client.RegisterAsync(email, name);
        var mail = _root.Mail.To(email).Last();
        await client.Http.GetAsync(MailFolder.LinkIn(mail, "/account/confirm?"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email)).StatusCode);
        return client;
    }

    public void Dispose()
    {
        _factory.Dispose();
        _root.Dispose();
    }

    private sealed class NotesPersonalData(CommunityDbContext db) : IPersonalData
    {
        public static bool FailNextErase;
        public static readonly List<string> Erased = [];

        public async Task<(string Section, object Data)> ExportAsync(string memberId, CancellationToken cancellationToken)
        {
            var name = await db.Set<Member>().Where(m => m.Id == memberId).Select(m => m.DisplayName).SingleAsync(cancellationToken);
            return ("notes", new { Summary = $"notes of {name}" });
        }

        public async Task EraseAsync(string memberId, CancellationToken cancellationToken)
        {
            var member = await db.Set<Member>().SingleAsync(m => m.Id == memberId, cancellationToken);
            member.DisplayName = "Erased " + member.Id[..8];
            await db.SaveChangesAsync(cancellationToken);
            if (FailNextErase)
            {
                FailNextErase = false;
                throw new InvalidOperationException("Simulated failure while erasing");
            }
            Erased.Add(member.Email!);
        }
    }
}
