using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Content;

/// <summary>Its own factory on a temporary content folder (Community:ContentPath).</summary>
public sealed class ContentPathTests : IDisposable
{
    private readonly string _content = Path.Combine(Path.GetTempPath(), "rg-tests", Guid.NewGuid().ToString("N"), "content");
    private readonly CommunityAppFactory _factory = new();

    public ContentPathTests()
    {
        Directory.CreateDirectory(Path.Combine(_content, "pages"));
        Directory.CreateDirectory(Path.Combine(_content, "taxonomy", "tensions"));
        File.WriteAllText(Path.Combine(_content, "pages", "only-french.fr.md"),
            "---\ntitle: Seulement en français\ndescription: Pas de traduction.\n---\n# Partie\n\nTexte <script>alert(1)</script>\n");
        File.WriteAllText(Path.Combine(_content, "pages", "broken.fr.md"), "---\ntitle: [oops\n---\n");
        File.WriteAllText(Path.Combine(_content, "taxonomy", "tensions", "ok.md"), "---\nslug: ok\nname: { fr: Bien, en: Fine }\n---\n");
        File.WriteAllText(Path.Combine(_content, "taxonomy", "tensions", "broken.md"), "---\nslug: [oops\n---\n");
        _factory.With("Community:ContentPath", _content);
    }

    [Fact]
    public async Task Pages_fall_back_to_french_and_invalid_files_never_break_start_up()
    {
        var client = _factory.CreateFormClient("en");

        var response = await client.Http.GetAsync("/pages/only-french");
        var raw = await response.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 id=\"page-title\">Seulement en français</h1>", html);
        Assert.Contains("<article class=\"content-page prose\" lang=\"fr\"", html);
        Assert.Contains("<h2>Partie</h2>", html);
        Assert.Contains("Texte &lt;script&gt;alert(1)&lt;/script&gt;", raw);   // raw HTML in content is text too
        Assert.DoesNotContain("<script>alert", raw);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/pages/broken")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/pages/about")).StatusCode);

        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        Assert.Equal("ok", Assert.Single(await db.Set<Tag>().AsNoTracking().ToListAsync()).Slug);
    }

    public void Dispose()
    {
        _factory.Dispose();
        try { Directory.Delete(Path.GetDirectoryName(_content)!, recursive: true); } catch (IOException) { }
    }
}
