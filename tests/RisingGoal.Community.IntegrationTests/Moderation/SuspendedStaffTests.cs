using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// A suspended moderator or administrator is no staff member while suspended: every page and every POST handler of
/// every <c>[StaffOnly]</c> page (the lists below are checked against the app's page models, so a new staff page or
/// action cannot be forgotten) answers a 403 saying until when and why, shows nothing staff-only (pending titles,
/// authors' addresses), and the database is left exactly as it was. So does a demoted one (a plain 403), without
/// waiting for their cookie to be re-validated. Caching on, as in production.
/// </summary>
public sealed class SuspendedStaffTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private const string Refused = "Votre compte est suspendu jusqu’au";
    private const string Reason = "Abus des outils de modération";
    private readonly CommunityAppFactory _app = factory.With("Caching:Enabled", "true");

    /// <summary>What a staff POST acts on: a published case under a pseudonym, a case waiting for review, members.</summary>
    private sealed record Scene(Member Staff, Member Author, Case Published, Case Held, Member Outsider, Member OtherModerator);

    /// <summary>Each staff POST handler ("PageModel.Handler"), with the address and fields a real form would send.</summary>
    private static readonly Dictionary<string, Func<Scene, (string Url, Dictionary<string, string> Fields)>> StaffPosts = new()
    {
        ["QueueModel.Approve"] = s => ("/moderation?handler=Approve", OnCase(s.Held)),
        ["QueueModel.Reject"] = s => ("/moderation?handler=Reject", OnCase(s.Held, "Input.Reason", nameof(RejectReason.Spam))),
        ["QueueModel.Hide"] = s => ("/moderation?handler=Hide", OnCase(s.Published)),
        ["QueueModel.Unhide"] = s => ("/moderation?handler=Unhide", OnCase(s.Published)),
        ["QueueModel.Lock"] = s => ("/moderation?handler=Lock", OnCase(s.Published)),
        ["QueueModel.Unlock"] = s => ("/moderation?handler=Unlock", OnCase(s.Published)),
        ["QueueModel.Feature"] = s => ("/moderation?handler=Feature", OnCase(s.Published)),
        ["QueueModel.Unfeature"] = s => ("/moderation?handler=Unfeature", OnCase(s.Published)),
        ["QueueModel.Retag"] = s => ("/moderation?handler=Retag", OnCase(s.Published)),
        ["QueueModel.Dismiss"] = s => ("/moderation?handler=Dismiss", OnCase(s.Published)),
        ["RevealsModel."] = s => ("/moderation/reveals", OnCase(s.Published, "Input.RevealReason", "Enquête sur des menaces")),
        ["EditsModel.Approve"] = s => ("/moderation/edits?handler=Approve", new() { ["Input.Id"] = "1" }),
        ["EditsModel.Reject"] = s => ("/moderation/edits?handler=Reject", new() { ["Input.Id"] = "1", ["Input.Reason"] = nameof(RejectReason.Spam) }),
        ["TakedownAnswersModel."] = s => ("/moderation/takedowns", new()
        {
            ["Answer.Id"] = "1", ["Answer.Outcome"] = nameof(TakedownOutcome.Declined), ["Answer.Message"] = "Rien à retirer.",
        }),
        ["MemberModel.Suspend"] = s => ($"/moderation/members/{s.Author.Id}?handler=Suspend", new() { ["Input.Days"] = "7", ["Input.Reason"] = "Représailles" }),
        ["MemberModel.Lift"] = s => ($"/moderation/members/{s.Staff.Id}?handler=Lift", []),   // their own suspension
        ["ModeratorsModel.Grant"] = s => ("/admin/moderators?handler=Grant", new() { ["Email"] = s.Outsider.Email! }),
        ["ModeratorsModel.Revoke"] = s => ("/admin/moderators?handler=Revoke", new() { ["memberId"] = s.OtherModerator.Id }),
        ["RedactModel."] = s => ($"/moderation/redact/case/{s.Published.Id}", new()
        {
            ["Input.Version"] = s.Published.Version.ToString(), ["Input.Find"] = "programme", ["Input.Replacement"] = "[…]",
        }),
        ["RedactModel.Pseudonym"] = s => ($"/moderation/redact/case/{s.Published.Id}?handler=Pseudonym", new()
        {
            ["Pseudonym.Version"] = s.Published.Version.ToString(), ["Pseudonym.New"] = "Membre anonyme 4821", ["Pseudonym.PublicReason"] = "Identifiant",
        }),
        ["WriteModel."] = s => ($"/moderation/messages/write/case/{s.Published.Id}", new() { ["Input.Body"] = "Un message écrit pendant la suspension." }),
        ["StaffModel."] = s => ("/moderation/messages/1", new() { ["Input.Body"] = "Une réponse écrite pendant la suspension." }),
        ["OutboxModel.Retry"] = s => ("/admin/outbox?handler=Retry", new() { ["id"] = "1" }),
        ["OutboxModel.RetryMasked"] = s => ("/admin/outbox?handler=RetryMasked", []),
        ["IndexModel.SendNow"] = s => ("/admin/digests?handler=SendNow", []),
        ["IndexModel.Pick"] = s => ("/admin/digests?handler=Pick", new() { ["Pick.CaseId"] = s.Published.Id.ToString() }),
        ["PickModel."] = s => ($"/digests/pick/{s.Published.Id}", new() { ["tag"] = "centralisation" }),
    };

    public static TheoryData<string> StaffPostNames => new(StaffPosts.Keys);

    /// <summary>Each staff page ("PageModel"), with an address that shows it to a staff member in good standing.</summary>
    private static readonly Dictionary<string, Func<Scene, string>> StaffPages = new()
    {
        ["QueueModel"] = _ => "/moderation",
        ["MemberModel"] = s => $"/moderation/members/{s.Author.Id}",
        ["RevealsModel"] = _ => "/moderation/reveals",
        ["EditsModel"] = _ => "/moderation/edits",
        ["TakedownAnswersModel"] = _ => "/moderation/takedowns",
        ["ModeratorsModel"] = _ => "/admin/moderators",
        ["RedactModel"] = s => $"/moderation/redact/case/{s.Held.Id}",
        ["WriteModel"] = s => $"/moderation/messages/write/case/{s.Held.Id}",
        ["StaffModel"] = _ => "/moderation/messages/1",
        ["InboxModel"] = _ => "/moderation/messages",
        ["OutboxModel"] = _ => "/admin/outbox",
        ["IndexModel"] = _ => "/admin/digests",
        ["PreviewModel"] = _ => "/admin/digests/preview",
        ["PickModel"] = s => $"/digests/pick/{s.Held.Id}",
    };

    public static TheoryData<string> StaffPageNames => new(StaffPages.Keys);

    private static Dictionary<string, string> OnCase(Case @case, string? field = null, string value = "")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = nameof(TargetKind.Case), ["Input.Id"] = @case.Id.ToString(), ["Input.Version"] = @case.Version.ToString(),
        };
        if (field is not null) fields[field] = value;
        return fields;
    }

    [Fact]
    public void The_list_holds_every_POST_handler_of_every_staff_page()
    {
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract && t.GetCustomAttribute<StaffOnlyAttribute>() is not null)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => $"{t.Name}.{m.Name["OnPost".Length..].Replace("Async", "")}"))
            .Order().ToList();

        Assert.Equal(handlers, StaffPosts.Keys.Order().ToList());
    }

    [Fact]
    public void The_list_holds_every_staff_page()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract && t.GetCustomAttribute<StaffOnlyAttribute>() is not null)
            .Select(t => t.Name).Order().ToList();

        Assert.Equal(pages, StaffPages.Keys.Order().ToList());
    }

    [Theory]
    [MemberData(nameof(StaffPageNames))]
    public async Task A_suspended_staff_member_reads_no_staff_page_and_is_told_until_when_and_why(string page)
    {
        var scene = await SceneAsync();
        var client = await _app.SignedInAs(scene.Staff);

        var response = await client.Http.GetAsync(StaffPages[page](scene));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(Refused, text);
        Assert.Contains(Reason, text);
        Assert.DoesNotContain(scene.Held.Title, text);                                 // pending: staff and author only
        Assert.DoesNotContain(scene.Author.Email!, text);
    }

    [Theory]
    [MemberData(nameof(StaffPageNames))]
    public async Task A_demoted_staff_member_reads_no_staff_page_at_their_very_next_request(string page)
    {
        var scene = await SceneAsync();
        var demoted = await _app.Seed(A.Member().Named("Ancienne équipe " + Guid.NewGuid().ToString("N")[..6]).WithRole(Roles.Moderator, Roles.Administrator));
        var client = await _app.SignedInAs(demoted);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await client.Http.GetAsync(StaffPages[page](scene))).StatusCode);
        // Straight to the database, as another instance would: the cookie and its security stamp stay as they were.
        await _app.Query(db => db.UserRoles.Where(r => r.UserId == demoted.Id).ExecuteDeleteAsync());

        var response = await client.Http.GetAsync(StaffPages[page](scene));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(scene.Held.Title, text);
        Assert.DoesNotContain(Refused, text);                                          // not suspended: the plain refusal
    }

    [Fact]
    public async Task A_suspended_moderator_does_not_see_a_pending_or_hidden_case_on_its_page()
    {
        var scene = await SceneAsync();
        var hidden = await _app.Seed(A.Case().By(scene.Author).Titled("Un cas masqué pour " + scene.Staff.Id[..6]).With(c => c.Hide(_app.Clock.GetUtcNow().UtcDateTime)));
        var client = await _app.SignedInAs(scene.Staff);

        foreach (var @case in new[] { scene.Held, hidden })
        {
            var response = await client.Http.GetAsync(CaseUrls.Read(@case.Id, @case.Slug));
            Assert.DoesNotContain(@case.Title, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Every_page_under_moderation_or_admin_that_writes_is_a_staff_page()
    {
        var loader = _app.Services.GetRequiredService<PageLoader>();
        var unguarded = new List<string>();
        foreach (var page in _app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var route = page.AttributeRouteInfo?.Template ?? "";
            if (!route.StartsWith("moderation", StringComparison.Ordinal) && !route.StartsWith("admin", StringComparison.Ordinal)) continue;
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            var model = compiled.ModelTypeInfo!;
            var writes = model.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal));
            if (writes && model.GetCustomAttribute<StaffOnlyAttribute>() is null) unguarded.Add(route);   // the public log only reads
        }

        Assert.Empty(unguarded);   // so the list above, taken from [StaffOnly] pages, holds every staff write
    }

    [Theory]
    [MemberData(nameof(StaffPostNames))]
    public async Task A_suspended_staff_member_s_POST_is_refused_and_writes_nothing(string handler)
    {
        var scene = await SceneAsync();
        var client = await _app.SignedInAs(scene.Staff);
        var token = (await client.GetDocumentAsync("/takedown"))                        // a public form's token: staff pages refuse them
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var (url, fields) = StaffPosts[handler](scene);
        var before = await DatabaseContentsAsync();                                      // after that read: a member's visit is recorded

        var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(Refused, text);
        Assert.Contains(Reason, text);
        Assert.DoesNotContain(scene.Author.Email!, text);                               // no reveal either
        Assert.Equal(before, await DatabaseContentsAsync());
        Assert.Empty(_app.Mail.To(scene.Author.Email!));
    }

    [Fact]
    public async Task A_suspended_administrator_cannot_lift_their_own_suspension()
    {
        var scene = await SceneAsync();

        var response = await (await _app.SignedInAs(scene.Staff, "en"))
            .PostWithTokenAsync("/takedown", $"/moderation/members/{scene.Staff.Id}?handler=Lift", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Your account is suspended until", await response.Content.ReadAsStringAsync());   // in English too
        Assert.Contains(Reason, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.True(await _app.InScopeAsync(s => s.GetRequiredService<ISuspensionCheck>().IsSuspendedAsync(scene.Staff.Id)));
    }

    [Fact]
    public async Task The_same_staff_member_acts_again_once_another_moderator_has_lifted_the_suspension()
    {
        var scene = await SceneAsync();
        await _app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommunityDbContext>();
            (await db.Set<Suspension>().SingleAsync(s => s.MemberId == scene.Staff.Id)).Lift(_app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        // The item's own form may be past the queue's first page (this class leaves many items waiting): the same POST.
        var response = await (await _app.SignedInAs(scene.Staff)).PostWithTokenAsync("/moderation", "/moderation?handler=Approve", OnCase(scene.Held));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseStatus.Published, await _app.Query(db => db.Set<Case>().Where(c => c.Id == scene.Held.Id).Select(c => c.Status).SingleAsync()));
    }

    private async Task<Scene> SceneAsync()
    {
        var name = Guid.NewGuid().ToString("N")[..6];   // names stay short and distinct within the shared database
        var staff = await _app.Seed(A.Member().Named("Équipe suspendue " + name).WithRole(Roles.Moderator, Roles.Administrator));
        var author = await _app.Seed(A.Member().Named("Auteur " + name));
        var published = await _app.Seed(A.Case().By(author).Titled("Un cas publié pour " + name).Tagged("centralisation").UnderPseudonym("Plume " + name));
        var held = await _app.Seed(A.Case().By(author).Titled("Un cas en attente pour " + name).Pending());
        var outsider = await _app.Seed(A.Member().Named("Future modératrice " + name));
        var otherModerator = await _app.Seed(A.Member().Named("Autre modo " + name).WithRole(Roles.Moderator));
        await _app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommunityDbContext>();
            db.Add(Suspension.Start(staff.Id, otherModerator.Id, TimeSpan.FromDays(7), Reason, _app.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });
        return new Scene(staff, author, published, held, outsider, otherModerator);
    }

    /// <summary>Every row of every table of the model, sorted: any write by a refused request shows as a difference.</summary>
    private Task<string> DatabaseContentsAsync() => _app.Query(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var dump = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            dump.Add(table + ":\n" + string.Join("\n", rows.Order()));
        }
        return string.Join("\n", dump);
    });
}
