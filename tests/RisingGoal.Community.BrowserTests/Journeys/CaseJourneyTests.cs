using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class CaseJourneyTests(MembersBrowserFixture fixture) : IClassFixture<MembersBrowserFixture>
{
    private async Task SeedTagsAsync()
    {
        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        // The taxonomy import usually brings them; add them only when it did not.
        if (!await db.Set<Tag>().AnyAsync(t => t.Slug == "apparent-alignment"))
            db.Add(new Tag { Slug = "apparent-alignment", Kind = TagKind.DriftType, NameFr = "Alignement apparent", NameEn = "Apparent alignment" });
        if (!await db.Set<Tag>().AnyAsync(t => t.Slug == "centralisation-vs-autonomy"))
            db.Add(new Tag { Slug = "centralisation-vs-autonomy", Kind = TagKind.Tension, NameFr = "Centralisation vs autonomie", NameEn = "Centralisation vs autonomy" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_member_writes_a_case_with_live_preview_and_privacy_check_then_replies()
    {
        await SeedTagsAsync();
        var member = await fixture.App.Seed(A.Member().Named("Camille"));
        var page = await fixture.NewPageAsync("fr-FR");
        await fixture.SignInAsync(page, member);

        await page.GotoAsync("/cases/new");
        await page.AssertAccessibleAsync();
        await page.FillAsync("#Input_Title", "Des silos revenus par les arbitrages");
        await page.FillAsync("#Input_Summary", "les objectifs tournaient bien mais les arbitrages restaient cachés hors des revues.");
        await page.FillAsync("#Input_Sections_Context", "une équipe produit pilotait ses objectifs chaque trimestre avec beaucoup de rigueur.");
        await page.FillAsync("#Input_Sections_Drifted", "les arbitrages de ressources se faisaient en dehors des revues, et les priorités devenaient floues.");
        await page.FillAsync("#Input_Sections_Learned", "être synchronisé ne suffit pas.\n\nécrivez-moi : camille.durand@exemple.fr");

        // Live preview (case-editor.js): the rendered body and the privacy finding, under its field, appear without submitting.
        await Assertions.Expect(page.Locator("#case-preview .prose h2").First).ToHaveTextAsync("Contexte");
        await Assertions.Expect(page.Locator("#findings-Sections-Learned mark")).ToHaveTextAsync("camille.durand@exemple.fr");
        await page.AssertAccessibleAsync();

        await page.FillAsync("#Input_Sections_Learned", "être synchronisé ne suffit pas.");
        await page.ChooseContextAsync();
        await page.GetByLabel("Alignement apparent").CheckAsync();
        await page.GetByLabel("Centralisation vs autonomie").CheckAsync();
        await page.CheckAsync("#Input_NamesRemoved");
        await page.ClickAsync("button:text('Publier le cas')");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Des silos revenus par les arbitrages");
        await Assertions.Expect(page.Locator(".case-tags")).ToContainTextAsync("Alignement apparent");
        await page.AssertAccessibleAsync();

        await page.FillAsync("#Reply_Body", "même constat chez nous, **exactement**.");
        await page.ClickAsync("form.reply-form button[type=submit]");
        await Assertions.Expect(page.Locator("article.reply strong")).ToHaveTextAsync("exactement");
        await page.AssertAccessibleAsync();

        // The case is found from its tension page and from its cell of the home matrix.
        await page.GotoAsync("/tensions/centralisation-vs-autonomy");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Des silos revenus par les arbitrages");
        await page.GotoAsync("/");
        var cell = page.Locator("table.matrix a[href='/cases?drift=apparent-alignment&tension=centralisation-vs-autonomy']");
        await Assertions.Expect(cell).ToContainTextAsync("1");
        await cell.ClickAsync();
        await page.ArriveAsync("**/cases?drift=apparent-alignment&tension=centralisation-vs-autonomy");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Des silos revenus par les arbitrages");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_member_says_a_case_resonates_and_the_button_reads_its_count_in_brackets()
    {
        var author = await fixture.App.Seed(A.Member().Named("Autrice Résonance"));
        var reader = await fixture.App.Seed(A.Member().Named("Lecteur Résonance"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Des revues qui résonnent"));
        var page = await fixture.NewPageAsync("fr-FR");
        await fixture.SignInAsync(page, reader);

        await page.GotoAsync($"/cases/{@case.Id}/{@case.Slug}");
        var button = page.Locator("#resonance button[aria-pressed]").First;
        // As laid out (flex items read as separate lines): not "( 0 )", where the count was a flex item of its own.
        Assert.Equal("Ça me parle (0)", System.Text.RegularExpressions.Regex.Replace(await button.InnerTextAsync(), @"\s+", " ").Trim());
        await button.ClickAsync();
        await Assertions.Expect(page.Locator("#resonance button[aria-pressed=true]")).ToHaveTextAsync("Ça me parle (1)");
        await page.Context.CloseAsync();
    }
    /// <summary>
    /// Every line of details separated by "·" wraps on a phone without a dot at the start or the end of a line ("10 h 00 ·"
    /// over "Citer", "· Citer"): a reply's, the case header's, a follow-up's, the rows of a list of cases, a profile's
    /// replies, the empty "What I follow" of the member's space. Read as a reader sees it: every painted character's box,
    /// lines grouped by position, each dot between two painted characters of its own line.
    /// </summary>
    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public async Task On_a_phone_separators_never_start_or_end_a_line(string locale)
    {
        var reader = await fixture.App.Seed(A.Member().Named("Lectrice Séparateurs " + locale));
        var author = await fixture.App.Seed(A.Member().Named("Jeanbaptiste Delacroixmontferrand " + locale[..2]));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Des points en fin de ligne")
            .WithFollowUp(FollowUpStatus.Stabilised).Visible(CaseVisibility.MembersOnly));
        await fixture.App.Seed(A.Reply().On(@case).By(author).Saying("Une."));
        await fixture.App.Seed(A.Reply().On(@case).By(A.Member().Named("Amélie " + locale)).Saying("Deux."));
        await fixture.App.Seed(A.Reply().On(@case).By(reader).Saying("Trois."));
        var newcomer = await fixture.App.Seed(A.Member().Named("Nouvelle Séparateurs " + locale));
        var page = await fixture.NewPageAsync(locale);
        await fixture.SignInAsync(page, reader);
        var stranded = await StrandedAsync(page, [$"/cases/{@case.Id}/{@case.Slug}", "/cases", "/members/" + Uri.EscapeDataString(author.DisplayName!)]);
        await page.Context.ClearCookiesAsync();
        await fixture.SignInAsync(page, newcomer);
        stranded.AddRange(await StrandedAsync(page, ["/account"]));
        Assert.True(stranded.Count == 0, string.Join("\n", stranded));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The same on the pages staff and authors read: the moderation queue (a held case and reply, a pseudonymous case, an
    /// edit awaiting review), the messages with authors (the list, a thread as staff and as its author), and the "why it
    /// is close" reasons of a search for cases like mine. Long names make the lines wrap.
    /// </summary>
    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public async Task On_a_phone_the_queue_messages_and_like_mine_separators_never_start_or_end_a_line(string locale)
    {
        var tag = locale[..2];
        var author = await fixture.App.Seed(A.Member().Named($"Marie-Éléonore Vandenberghe-Lefebvre {tag}"));   // 39 characters
        var moderator = await fixture.App.Seed(A.Member().Named("Modératrice Séparateurs " + tag).WithRole(RisingGoal.Community.Features.Accounts.Roles.Moderator));
        var published = await fixture.App.Seed(A.Case().By(author).Titled("Un cas publié dont une réponse attend " + tag)
            .Tagged(TagKind.DriftType, "steering-without-regulation").Tagged("delivery-vs-scalability"));   // not another journey's matrix cell
        var reply = await fixture.App.Seed(A.Reply().On(published).By(author).Saying("Une réponse retenue."));
        await fixture.App.Seed(A.Reply().On(published).By(author).Saying("Une réponse qui attend sa relecture.").Pending());
        await fixture.App.Seed(A.Case().By(author).Titled("Un cas retenu " + tag).Pending());
        await fixture.App.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme retenu " + tag).UnderPseudonym("Plume des Longues Lignes " + tag).Pending());
        int thread;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var now = fixture.App.Clock.GetUtcNow().UtcDateTime;
            await scope.ServiceProvider.GetRequiredService<PendingEdits>().ProposeAsync(
                PendingEdit.ForReply(published.Id, reply.Id, author.Id, "Une réponse retenue, précisée.", [], now), default);
            var messages = scope.ServiceProvider.GetRequiredService<RisingGoal.Community.Features.Messages.MessageService>();
            thread = (await messages.WriteToAuthorAsync(new(moderator.Id, moderator.DisplayName!), RisingGoal.Community.Features.Moderation.TargetKind.Case,
                published.Id, "Pourriez-vous retirer le nom du client ?"))!.Value;
            await messages.MemberAnswersAsync(author.Id, thread, "C’est fait.");
        }
        var page = await fixture.NewPageAsync(locale);
        await fixture.SignInAsync(page, moderator);
        var stranded = await StrandedAsync(page, ["/moderation", "/moderation/messages", $"/moderation/messages/{thread}",
            "/cases/like-mine?size=from51to200&sector=software&tension=delivery-vs-scalability&drift=steering-without-regulation"]);
        await page.Context.ClearCookiesAsync();
        await fixture.SignInAsync(page, author);
        stranded.AddRange(await StrandedAsync(page, [$"/messages/{thread}"]));
        Assert.True(stranded.Count == 0, string.Join("\n", stranded));
        await page.Context.CloseAsync();
    }

    /// <summary>Each page at phone widths: a sideways scroll, and every dot painted at the start or the end of a line.</summary>
    private static async Task<List<string>> StrandedAsync(IPage page, string[] paths)
    {
        var stranded = new List<string>();
        foreach (var width in new[] { 320, 360, 375, 390, 414 })
        {
            await page.SetViewportSizeAsync(width, 800);
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                if (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") is var wide && wide > width)
                    stranded.Add($"{path} at {width} px: scrolls sideways ({wide} px wide)");
                stranded.AddRange((await page.EvaluateAsync<string[]>(StrandedSeparators)).Select(s => $"{path} at {width} px: {s}"));
            }
        }
        return stranded;
    }

    /// <summary>
    /// A keyboard walk through a case page on a phone: every focus ring (3 px, 2 px apart) is whole, inside the viewport
    /// and not cut by an ancestor's overflow or clip (the reply line's clip cut 5 px off its byline's ring).
    /// </summary>
    [Fact]
    public async Task On_a_phone_every_focus_ring_of_a_case_page_is_whole()
    {
        var reader = await fixture.App.Seed(A.Member().Named("Lectrice Clavier"));
        var author = await fixture.App.Seed(A.Member().Named("Auteur Clavier"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Des anneaux de focus rognés").WithFollowUp(FollowUpStatus.Ongoing)
            .Tagged(TagKind.DriftType, "invisible-trade-offs").Tagged("ambition-vs-execution"));   // not the first journey's cell
        await fixture.App.Seed(A.Reply().On(@case).By(author).Saying("Une."));
        await fixture.App.Seed(A.Reply().On(@case).By(reader).Saying("Deux."));
        var page = await fixture.NewPageAsync("fr-FR");
        await page.SetViewportSizeAsync(390, 844);
        await fixture.SignInAsync(page, reader);
        await page.GotoAsync($"/cases/{@case.Id}/{@case.Slug}");
        var cut = new List<string>();
        var walked = 0;
        for (var step = 0; step < 120; step++)
        {
            await page.Keyboard.PressAsync("Tab");
            var ring = await page.EvaluateAsync<string?>(CutFocusRing);
            if (ring is null) break;
            if (ring == "") continue;
            walked++;
            if (ring != "whole") cut.Add(ring);
        }
        Assert.True(walked > 10, $"only {walked} elements of the page were focused");
        Assert.True(cut.Count == 0, string.Join("\n", cut));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Replies signed with the longest names allowed (40 characters: a display name, a pseudonym, one word) on a phone:
    /// each reply's line of details stays inside its card (the byline did not wrap and pushed the page sideways), and the
    /// byline's focus ring is whole.
    /// </summary>
    [Fact]
    public async Task On_a_phone_a_reply_signed_with_a_forty_character_name_stays_in_its_card_with_its_focus_ring_whole()
    {
        var named = await fixture.App.Seed(A.Member().Named("Marie-Éléonore de Vandenberghe-Lefebvres"));
        var oneWord = await fixture.App.Seed(A.Member().Named("Anticonstitutionnellementdelacroixmontfe"));
        var author = await fixture.App.Seed(A.Member().Named("Auteure Pseudonyme Longue"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Des noms trop longs pour un téléphone")
            .UnderPseudonym("Plume Grise des Longues Lignes du Levant"));
        foreach (var by in new[] { named, oneWord, author })
            await fixture.App.Seed(A.Reply().On(@case).By(by).Saying("Une réponse signée d’un long nom."));
        Assert.All(new[] { named.DisplayName!, oneWord.DisplayName!, "Plume Grise des Longues Lignes du Levant" }, n => Assert.Equal(40, n.Length));
        var page = await fixture.NewPageAsync("fr-FR");
        await fixture.SignInAsync(page, await fixture.App.Seed(A.Member().Named("Lectrice Longs Noms")));
        var faults = new List<string>();
        foreach (var width in new[] { 320, 360, 390 })
        {
            await page.SetViewportSizeAsync(width, 800);
            await page.GotoAsync($"/cases/{@case.Id}/{@case.Slug}");
            if (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") is var wide && wide > width)
                faults.Add($"{width} px: scrolls sideways ({wide} px wide)");
            faults.AddRange((await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('article.reply')].flatMap(card => {
                  const box = card.getBoundingClientRect(), style = getComputedStyle(card);
                  const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
                  return [...card.querySelectorAll('.meta > *')].filter(item => item.getBoundingClientRect().right > right + .5)
                    .map(item => `"${item.textContent.trim()}" ends ${Math.round(item.getBoundingClientRect().right - right)} px past its card`);
                })
                """)).Select(f => $"{width} px: {f}"));
            var bylines = page.Locator("article.reply .meta a.byline");
            for (var i = 0; i < await bylines.CountAsync(); i++)
            {
                await bylines.Nth(i).FocusAsync();
                if (await page.EvaluateAsync<string?>(CutFocusRing) is var ring && ring != "whole") faults.Add($"{width} px: {ring}");
            }
        }
        Assert.True(faults.Count == 0, string.Join("\n", faults));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The focused element's ring, when it is in the page's main content: "whole", or what cuts it; "" outside main,
    /// null once the walk reached the footer.
    /// </summary>
    private const string CutFocusRing = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body || el.closest('footer')) return null;
          if (!el.closest('main')) return '';
          // A focused text area is scrolled to its caret, not whole: bring the box in, as a reader starting to type would.
          if (el.tagName === 'TEXTAREA') el.scrollIntoView({ block: 'nearest', behavior: 'instant' });
          const style = getComputedStyle(el), name = `${el.tagName.toLowerCase()} "${(el.innerText || el.value || '').trim().slice(0, 40)}"`;
          if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) return `${name}: no focus ring`;
          const grow = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset), box = el.getBoundingClientRect();
          const ring = { left: box.left - grow, top: box.top - grow, right: box.right + grow, bottom: box.bottom + grow };
          const cuts = [];
          if (ring.left < 0 || ring.top < 0 || ring.right > innerWidth || ring.bottom > innerHeight) cuts.push(`outside the ${innerWidth} × ${innerHeight} viewport: ${[ring.left, ring.top, ring.right, ring.bottom].map(Math.round).join(', ')}`);
          for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
            const s = getComputedStyle(a), b = a.getBoundingClientRect();
            const clips = [];
            if (s.overflowX !== 'visible') clips.push({ left: b.left + a.clientLeft, right: b.left + a.clientLeft + a.clientWidth, top: -Infinity, bottom: Infinity });
            if (s.overflowY !== 'visible') clips.push({ top: b.top + a.clientTop, bottom: b.top + a.clientTop + a.clientHeight, left: -Infinity, right: Infinity });
            const inset = /^inset\(([^)]*)\)/.exec(s.clipPath);
            if (inset) {
              const [t, r = t, bt = t, l = r] = inset[1].trim().split(/\s+/).map(parseFloat);
              clips.push({ left: b.left + l, top: b.top + t, right: b.right - r, bottom: b.bottom - bt });
            }
            if (clips.some(c => ring.left < c.left - .5 || ring.top < c.top - .5 || ring.right > c.right + .5 || ring.bottom > c.bottom + .5))
              cuts.push(`cut by ${a.tagName.toLowerCase()}.${[...a.classList].join('.')}`);
          }
          return cuts.length ? `${name}: ${cuts.join(', ')}` : 'whole';
        }
        """;

    /// <summary>
    /// The dots of the page's "·"-separated lines (paragraphs or spans holding a dot as a separator: written, or drawn
    /// before an item) painted at the start or the end of a line (a clipped character is not painted: the point at its
    /// centre hits nothing of the line), and any other character cut by the line's clip (the second line of an item that
    /// wrapped). Sentences with a dot inside a word ("auteur·e") are read too and always pass.
    /// </summary>
    private const string StrandedSeparators = """
        () => [...document.querySelectorAll('main :is(p, span)')].filter(el =>
            /(^|\s)·\s/.test(el.textContent) && !el.parentElement.closest('p, span')
            || [...el.children].some(c => getComputedStyle(c, '::before').content.includes('·'))).flatMap(meta => {
          meta.scrollIntoView({ block: 'center', behavior: 'instant' });   // elementFromPoint sees the viewport only
          const glyphs = [];
          const walker = document.createTreeWalker(meta, NodeFilter.SHOW_TEXT);
          for (let node; (node = walker.nextNode());)
            for (let i = 0; i < node.data.length; i++) {
              if (/\s/.test(node.data[i])) continue;
              const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
              const box = range.getBoundingClientRect();
              if (box.width === 0) continue;
              const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
              if (hit && meta.contains(hit)) glyphs.push({ ch: node.data[i], box });
              // A letter of an item that wrapped, cut by the line's clip (its second line starts where the dots hide).
              else if (node.data[i] !== '·' && box.top >= 0 && box.bottom <= innerHeight && getComputedStyle(meta).clipPath !== 'none'
                && box.left < meta.getBoundingClientRect().left + parseFloat(getComputedStyle(meta).fontSize) * .35)
                glyphs.push({ ch: node.data[i], box, clipped: true });
            }
          // A dot drawn before an element (the date's) is a glyph too: the first .3em of the element's first box.
          for (const el of meta.querySelectorAll('*')) {
            if (!getComputedStyle(el, '::before').content.includes('·')) continue;
            const first = el.getClientRects()[0], em = parseFloat(getComputedStyle(el).fontSize);
            const box = { left: first.left, right: first.left + .3 * em, top: first.top, bottom: first.bottom, height: first.height };
            const hit = document.elementFromPoint(box.left + .15 * em, (box.top + box.bottom) / 2);
            if (hit && meta.contains(hit)) glyphs.push({ ch: '·', box });
          }
          const sameLine = (a, b) => Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < a.height / 2;
          const clipped = glyphs.filter(g => g.clipped).map(g => `clips "${g.ch}": ${meta.innerText.replace(/\s+/g, ' ').trim()}`);
          return clipped.concat(glyphs.filter(g => g.ch === '·' && !g.clipped).flatMap(dot => {
            const line = glyphs.filter(g => g !== dot && sameLine(g.box, dot.box));
            const text = meta.innerText.replace(/\s+/g, ' ').trim();
            return [
              ...(line.some(g => g.box.right <= dot.box.left + 1) ? [] : [`starts a line: ${text}`]),
              ...(line.some(g => g.box.left >= dot.box.right - 1) ? [] : [`ends a line: ${text}`]),
            ];
          }));
        })
        """;
}
