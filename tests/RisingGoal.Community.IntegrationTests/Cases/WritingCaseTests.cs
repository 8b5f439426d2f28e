using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

public sealed class WritingCaseTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    /// <summary>The composer's "Preview" button (no script: the server renders the form again with the preview).</summary>
    public const string PreviewButton = "button[formaction*='handler=Preview']";

    /// <summary>A valid case form whose author has not yet confirmed the privacy findings.</summary>
    private async Task<Dictionary<string, string>> ValidFieldsAsync(string title)
    {
        return await ComposedCase.FieldsAsync(factory, title);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_login()
    {
        var response = await factory.CreateFormClient().Http.GetAsync("/cases/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_member_publishes_a_case_and_lands_on_its_canonical_page()
    {
        var member = await factory.Seed(A.Member().Named("Camille"));
        var client = await factory.SignedInAs(member);
        var form = await client.GetDocumentAsync("/cases/new");
        Assert.NotNull(form.QuerySelector("textarea#Input_Sections_Context[name='Input.Sections.Context']"));
        Assert.Contains("Décrivez, ne nommez pas.", form.QuerySelector("#Input_Sections_Context_help")!.TextContent);   // the prompt beside the field
        Assert.Contains("L’organisation se croit alignée", form.QuerySelector("#Input_DriftTagIds")!.TextContent);     // the drift type's definition

        var response = await client.SubmitAsync("/cases/new", await ValidFieldsAsync("Des silos réactivés par les arbitrages"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches(@"^/cases/\d+/des-silos-reactives-par-les-arbitrages$", location);
        var page = await client.GetDocumentAsync(location);
        Assert.Equal("Des silos réactivés par les arbitrages", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Alignement apparent", page.QuerySelector(".case-tags")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/drifts/apparent-alignment']"));
    }

    [Fact]
    public async Task Invalid_input_is_redisplayed_with_french_messages_and_nothing_lost()
    {
        var member = await factory.Seed(A.Member().Named("Noor"));
        var client = await factory.SignedInAs(member);
        var fields = await ValidFieldsAsync("");
        fields["Input.Summary"] = "mon résumé tapé";
        fields.Remove("Input.DriftTagIds");
        fields.Remove("Input.NamesRemoved");

        var response = await client.SubmitAsync("/cases/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Donnez un titre au cas.", page.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent);
        Assert.Contains("Choisissez au moins un type de dérive.", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Confirmez que les noms d’entreprises et de personnes ont été retirés.", page.QuerySelector("[data-valmsg-for='Input.NamesRemoved']")!.TextContent);
        Assert.Equal("mon résumé tapé", page.QuerySelector("#Input_Summary")!.TextContent.Trim());
        Assert.Contains("arbitrages de ressources", page.QuerySelector("#Input_Sections_Drifted")!.TextContent);
        var summary = page.QuerySelector("#error-summary[tabindex='-1'][autofocus]")!;   // GOV.UK: every error, each a link to its field
        Assert.Equal(["#Input_Title", "#Input_Summary", "#Input_DriftTagIds", "#Input_NamesRemoved"],
            summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToArray());
        Assert.All(summary.QuerySelectorAll("a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
        Assert.Equal(0, await factory.Query(db => db.Set<Case>().CountAsync(c => c.AuthorId == member.Id)));
    }

    [Theory]
    [InlineData("  ÉLISE   Dumontier ")]      // another member's display name, other case, accents and spacing
    [InlineData("moderation")]                 // a reserved name without its accent
    [InlineData("Ancien Membre")]
    public async Task A_pseudonym_that_passes_for_someone_is_refused_at_the_field_and_nothing_is_published(string pseudonym)
    {
        if (!await factory.Query(db => db.Set<RisingGoal.Community.Features.Accounts.Member>().AnyAsync(m => m.NormalizedDisplayName == "ELISE DUMONTIER")))
            await factory.Seed(A.Member().Named("Elise Dumontier"));
        var member = await factory.Seed(A.Member().Named("Auteur " + Guid.NewGuid().ToString("N")[..8]));
        var client = await factory.SignedInAs(member);
        var fields = await ValidFieldsAsync("Un cas sous un pseudonyme emprunté");
        fields["Input.Pseudonym"] = pseudonym;

        var response = await client.SubmitAsync("/cases/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Ce nom est déjà utilisé (nom affiché d’un membre ou pseudonyme) ou réservé. Choisissez-en un autre.",
            page.QuerySelector("[data-valmsg-for='Input.Pseudonym']")!.TextContent);
        Assert.Equal(0, await factory.Query(db => db.Set<Case>().CountAsync(c => c.AuthorId == member.Id)));

        fields["Input.Pseudonym"] = "Coach du Sud " + member.DisplayName[^8..];   // a name nobody has (each case of the theory its own): published
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/cases/new", fields)).StatusCode);
    }

    [Fact]
    public async Task An_email_in_the_body_blocks_publication_until_the_author_confirms()
    {
        var member = await factory.Seed(A.Member().Named("Inès"));
        var client = await factory.SignedInAs(member);
        var fields = await ValidFieldsAsync("Un cas avec une adresse dedans");
        fields["Input.Body"] = ComposedCase.Body + "\n\nécrivez à jeanne.martin@exemple.fr";

        var blocked = await client.SubmitAsync("/cases/new", fields);
        var page = FormClient.Parse(await blocked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.Contains("jeanne.martin@exemple.fr", page.QuerySelector("#findings-Sections-Learned mark")!.TextContent);   // under the field it was found in
        Assert.Equal("#findings-Sections-Learned", page.QuerySelector("#error-summary a")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("[name='Input.DetailsChecked']"));   // one confirmation, not two

        // The author saw the finding (the page posts its fingerprint back) and keeps the text: the one box suffices.
        fields["Input.SeenFindings"] = page.QuerySelector("#findings-Sections-Learned input[name='Input.SeenFindings']")!.GetAttribute("value")!;
        var saved = await client.SubmitAsync("/cases/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task The_preview_endpoint_renders_and_flags_but_requires_the_antiforgery_token()
    {
        var member = await factory.Seed(A.Member().Named("Yann"));
        var client = await factory.SignedInAs(member);
        var fields = new Dictionary<string, string> { ["Input.Body"] = "## Titre\n\n**gras** et contact@exemple.fr" };

        var withoutToken = await client.Http.PostAsync("/cases/preview", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var response = await client.PostWithTokenAsync("/cases/new", "/cases/preview", fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html);
        var fragment = FormClient.Parse(html);
        Assert.Equal("gras", fragment.QuerySelector(".prose strong")!.TextContent);
        Assert.Equal("contact@exemple.fr", fragment.QuerySelector("[data-findings-for='Sections.Other'] .privacy-findings mark")!.TextContent);
    }

    [Fact]
    public async Task The_live_preview_of_a_form_with_nothing_written_sends_no_preview_block()
    {
        // case-editor.js asks for a preview as the composer opens: an empty answer keeps the panel empty and hidden,
        // instead of a "Preview" card with nothing under it on the first screen (people14, screenshot composer-empty).
        var client = await factory.SignedInAs(await factory.Seed(A.Member()));

        var empty = FormClient.Parse(await (await client.PostWithTokenAsync("/cases/new", "/cases/preview",
            new Dictionary<string, string> { ["Input.Title"] = "Un titre seul", ["Input.Sections.Context"] = "  " })).Content.ReadAsStringAsync());
        Assert.Null(empty.QuerySelector("[data-preview]"));
        // As served, the panel is empty (not even blank text, which .case-preview:empty would not hide).
        Assert.Equal("", (await client.GetDocumentAsync("/cases/new")).QuerySelector("#case-preview")!.InnerHtml);

        var written = FormClient.Parse(await (await client.PostWithTokenAsync("/cases/new", "/cases/preview",
            new Dictionary<string, string> { ["Input.Sections.Context"] = "Une équipe produit pilotait ses objectifs." })).Content.ReadAsStringAsync());
        Assert.Equal("Aperçu", written.QuerySelector("[data-preview] h2")!.TextContent);
        Assert.Contains("Une équipe produit", written.QuerySelector("[data-preview] .prose")!.TextContent);
    }

    [Fact]
    public async Task The_no_script_preview_button_on_an_empty_form_says_there_is_nothing_to_preview_yet()
    {
        var client = await factory.SignedInAs(await factory.Seed(A.Member().Named("Noé")));
        var response = await client.SubmitAsync("/cases/new", new Dictionary<string, string>(), pressed: PreviewButton);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("#case-preview .prose"));
        Assert.Equal("Rien à prévisualiser pour l’instant\u00a0: écrivez le cas dans les champs ci-dessus.", page.QuerySelector("#case-preview p")!.TextContent);
    }

    [Fact]
    public async Task The_no_script_preview_button_shows_the_rendered_body()
    {
        var member = await factory.Seed(A.Member().Named("Lou"));
        var client = await factory.SignedInAs(member);
        var fields = await ValidFieldsAsync("Un aperçu sans script");
        var response = await client.SubmitAsync("/cases/new", fields, pressed: PreviewButton);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#case-preview .prose h2"));   // the top heading of a post becomes h2
        Assert.Equal("Un aperçu sans script", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_Title")!).Value);
    }

    [Fact]
    public async Task After_the_no_script_preview_the_form_publishes_instead_of_previewing_again()
    {
        var member = await factory.Seed(A.Member().Named("Lou Deux"));
        var client = await factory.SignedInAs(member);
        var fields = await ValidFieldsAsync("Publié après un aperçu sans script");
        var preview = FormClient.Parse(await (await client.SubmitAsync("/cases/new", fields, "form.composer", pressed: PreviewButton)).Content.ReadAsStringAsync());

        var response = await client.SubmitAsync(preview, "/cases/new?handler=Preview", new Dictionary<string, string>(), "form.composer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches(@"^/cases/\d+/publie-apres-un-apercu-sans-script$", response.Headers.Location!.ToString());
    }
}
