using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

public sealed record TagOption(int Id, TagKind Kind, string Slug, string Name);

/// <summary>What the case form shows besides the input: tag choices, privacy findings and the preview.</summary>
public sealed record CaseFormView(IReadOnlyList<TagOption> Tags, IReadOnlyList<PrivacyFinding> Findings, SafeHtml? Preview)
{
    /// <summary>The body as it will be stored; null when a length or the Markdown guard refused it (the field says why).</summary>
    public RenderedMarkdown? Rendered { get; init; }

    public IEnumerable<TagOption> Of(TagKind kind) => Tags.Where(t => t.Kind == kind);
}

/// <summary>The rules of the case form that need the database or the renderer: tags, privacy check, preview.</summary>
public sealed class CaseForm(CommunityDbContext db, MarkdownRenderer renderer, IStringLocalizer<Strings> S)
{
    public async Task<IReadOnlyList<TagOption>> TagsAsync(CancellationToken ct)
    {
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return await db.Set<Tag>().AsNoTracking()
            .Where(t => t.RetiredUtc == null)
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new TagOption(t.Id, t.Kind, t.Slug, en ? t.NameEn : t.NameFr))
            .ToListAsync(ct);
    }

    /// <summary>The privacy findings; none while a field is over its length (the length message comes first, and costs nothing).</summary>
    public IReadOnlyList<PrivacyFinding> Findings(CaseInput input, IReadOnlyList<TagOption> tags) => !input.FitsLimits() ? [] :
        PrivacyAssistant.Check(new PrivacyInput([input.Title, input.Summary, input.Body, input.Outcome, input.OpenQuestion], input.SizeBand, input.Region),
            tags.Select(t => t.Name));

    /// <summary>
    /// Renders a posted Markdown field through the renderer's guard; when it refuses (nested too deep, too many
    /// unclosed openers), the member is told at <paramref name="field"/> and null is returned. Check lengths first.
    /// </summary>
    public RenderedMarkdown? RenderField(string? markdown, ModelStateDictionary state, string field)
    {
        var rendered = renderer.TryRender(markdown);
        if (rendered is null)
            state.AddModelError(field, S[TooComplex]);
        return rendered;
    }

    public const string TooComplex = "This text cannot be formatted: it nests quotes or lists too deeply, or opens too many links, code spans or emphasis marks without closing them. Please simplify it.";

    /// <summary>
    /// Adds the form rules DataAnnotations cannot express; returns the view for redisplay. A preview shows no error
    /// messages except the one that explains why the body cannot be previewed.
    /// Nothing costly (privacy check, Markdown) runs while a text is over its length.
    /// </summary>
    public async Task<CaseFormView> ValidateAsync(CaseInput input, ModelStateDictionary state, bool withPreview, CancellationToken ct)
    {
        var tags = await TagsAsync(ct);
        CheckKind(input.DriftTagIds, TagKind.DriftType, tags, state, nameof(CaseInput.DriftTagIds), S["Choose at least one drift type."]);
        CheckKind(input.TensionTagIds, TagKind.Tension, tags, state, nameof(CaseInput.TensionTagIds), S["Choose at least one tension."]);
        CheckKind(input.SymptomTagIds, TagKind.Symptom, tags, state, nameof(CaseInput.SymptomTagIds), null);
        CheckKind(input.SafeguardTagIds, TagKind.Safeguard, tags, state, nameof(CaseInput.SafeguardTagIds), null);
        var findings = Findings(input, tags);
        if (findings.Count > 0 && !input.DetailsChecked)
            state.AddModelError("Input.DetailsChecked", S["Remove the details listed above, or tick the box to confirm you checked them."]);
        if (withPreview)
            state.Clear();   // a preview is not a submission
        var rendered = input.FitsLimits() ? RenderField(input.Body, state, "Input.Body") : null;
        var preview = withPreview && rendered is not null ? SafeHtml.From(rendered) : (SafeHtml?)null;
        return new CaseFormView(tags, findings, preview) { Rendered = rendered };
    }

    /// <summary>
    /// A pseudonym may not pass for someone: not a member's display name, nor a reserved name (staff titles, "Former
    /// member"…), whatever its case, accents or spacing. Display names are compared in memory among those of the same
    /// length (folding keeps the length of precomposed text): the column holds no folded form to query.
    /// </summary>
    public async Task CheckPseudonymAsync(CaseInput input, ModelStateDictionary state, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Pseudonym)) return;
        var cleaned = Member.CleanDisplayName(input.Pseudonym).Normalize(NormalizationForm.FormC);
        var folded = NameFolding.Fold(cleaned);
        var taken = Member.IsReservedDisplayName(cleaned) || (await db.Set<Member>().AsNoTracking()
                .Where(m => m.DisplayName.Length == cleaned.Length).Select(m => m.DisplayName).ToListAsync(ct))
            .Any(name => NameFolding.Fold(name) == folded);
        if (taken)
            state.AddModelError("Input.Pseudonym", S["This pseudonym is a member's display name or a reserved name. Choose another one."]);
    }

    private static void CheckKind(List<int> ids, TagKind kind, IReadOnlyList<TagOption> tags, ModelStateDictionary state, string field, string? requiredMessage)
    {
        ids.RemoveAll(id => !tags.Any(t => t.Id == id && t.Kind == kind));
        if (requiredMessage is not null && ids.Count == 0)
            state.AddModelError("Input." + field, requiredMessage);
    }
}
