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

public sealed record TagOption(int Id, TagKind Kind, string Slug, string Name, string Description = "");

/// <summary>What the case form shows besides the input: tag choices, privacy findings and the preview.</summary>
public sealed record CaseFormView(IReadOnlyList<TagOption> Tags, IReadOnlyList<PrivacyFinding> Findings, SafeHtml? Preview)
{
    /// <summary>The body as it will be stored; null when a length or the Markdown guard refused it (the field says why).</summary>
    public RenderedMarkdown? Rendered { get; init; }

    public IEnumerable<TagOption> Of(TagKind kind) => Tags.Where(t => t.Kind == kind);

    /// <summary>The findings in one field of the form ("Title", "Sections.Context", "Region"…), shown under it.</summary>
    public IReadOnlyList<PrivacyFinding> FindingsIn(string field) => Findings.Where(f => CaseForm.FieldOf(f) == field).ToList();
}

/// <summary>The rules of the case form that need the database or the renderer: tags, privacy check, preview.</summary>
public sealed class CaseForm(CommunityDbContext db, MarkdownRenderer renderer, CaseLabels labels, IStringLocalizer<Strings> S)
{
    public async Task<IReadOnlyList<TagOption>> TagsAsync(CancellationToken ct)
    {
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return await db.Set<Tag>().AsNoTracking()
            .Where(t => t.RetiredUtc == null)
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new TagOption(t.Id, t.Kind, t.Slug, en ? t.NameEn : t.NameFr, en ? t.DescriptionEn : t.DescriptionFr))
            .ToListAsync(ct);
    }

    /// <summary>The privacy findings; none while a field is over its length (the length message comes first, and costs nothing).</summary>
    public IReadOnlyList<PrivacyFinding> Findings(CaseInput input, IReadOnlyList<TagOption> tags) => !input.FitsLimits() ? [] :
        PrivacyAssistant.Check(new PrivacyInput(TextFields.Select(input.TextOf).ToList(), input.SizeBand, input.Region), tags.Select(t => t.Name));

    /// <summary>The free-text fields the privacy assistant reads, in the order of <see cref="PrivacyInput.Texts"/>.</summary>
    public static readonly IReadOnlyList<string> TextFields =
        [nameof(CaseInput.Title), nameof(CaseInput.Summary), .. CaseSections.Keys.Select(k => "Sections." + k), nameof(CaseInput.Outcome), nameof(CaseInput.OpenQuestion)];

    /// <summary>The form field a finding was made in; the context fields (size and region) answer "Region".</summary>
    public static string FieldOf(PrivacyFinding finding) =>
        finding.Text >= 0 && finding.Text < TextFields.Count ? TextFields[finding.Text] : nameof(CaseInput.Region);

    /// <summary>
    /// A short fingerprint of a finding, posted back by the page that showed it: a finding the author has not seen yet
    /// stops the submission once; one they saw needs only the one confirmation box.
    /// </summary>
    public static string Fingerprint(PrivacyFinding finding) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        Encoding.UTF8.GetBytes($"{FieldOf(finding)}\n{(int)finding.Kind}\n{finding.Excerpt.ToLowerInvariant()}")))[..16];

    /// <summary>
    /// Replaces every occurrence of a finding's phrase in one field by its suggestion (the "Replace" button, a POST that
    /// works without JavaScript). The finding is looked up again in the posted text, so only a phrase the assistant
    /// found can be replaced. Returns false when there was nothing to replace.
    /// </summary>
    public async Task<bool> ApplyReplacementAsync(CaseInput input, string? posted, CancellationToken ct)
    {
        if (posted?.Split('|', 2) is not [var field, var excerpt]) return false;
        var finding = Findings(input, await TagsAsync(ct)).FirstOrDefault(f => FieldOf(f) == field && f.Excerpt == excerpt && f.Replacement != PrivacyReplacement.None);
        if (finding is null || input.TextOf(field) is not { } text) return false;
        input.SetText(field, text.Replace(excerpt, labels.Of(finding.Replacement), StringComparison.Ordinal));
        return true;
    }

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

    /// <summary>
    /// A reply's HTML: rendered as typed first (lengths and the guarded renderer's bounds), then with its @mentions as
    /// profile links, in the HTML only (the stored Markdown keeps @Name), with the members mentioned, to record with the
    /// reply (<see cref="ReplyMentionRecords"/>). Null, with the field's error, when it cannot be.
    /// </summary>
    public async Task<RenderedReply?> RenderReplyAsync(string markdown, Notifications.Mentions mentions, ModelStateDictionary state, string field,
        CancellationToken ct)
    {
        if (RenderField(markdown, state, field) is not { } plain) return null;
        if (!markdown.Contains('@')) return new RenderedReply(plain, []);
        var text = await mentions.LinkAsync(markdown, ct);
        return RenderField(text.Linked, state, field) is { } linked ? new RenderedReply(linked, text.MemberIds) : null;
    }

    /// <summary>The fields in the order the composer shows them: the error summary lists errors in that order.</summary>
    private static readonly string[] PageOrder =
    [
        "", "Input.Title", "Input.Summary", FindingsKey, "Input.Body", .. CaseSections.Keys.Select(k => "Input.Sections." + k),
        "Input.Outcome", "Input.OpenQuestion", "Input.SizeBand", "Input.Sector", "Input.Stage", "Input.AuthorRole", "Input.Region",
        "Input.OkrCyclesRun", "Input.DriftTagIds", "Input.TensionTagIds", "Input.SymptomTagIds", "Input.SafeguardTagIds",
        "Input.Pseudonym", "Input.Visibility", "Input.MembersOnlyUntil", "Input.NamesRemoved", "Input.EditReason",
    ];

    public static int FieldOrder(string key) => Array.IndexOf(PageOrder, key) is var i and >= 0 ? i : PageOrder.Length;

    /// <summary>The id of the element an error summary link leads to for a ModelState key; null for an error of the whole form.</summary>
    public static string? AnchorOf(string key, CaseFormView view) => key switch
    {
        "" => null,
        "Input.Body" => "Input_Sections_Context",   // the body's length or format: the first section
        FindingsKey => view.Findings.Count > 0 ? FindingsAnchor(FieldOf(view.Findings[0])) : null,
        "Input.Visibility" => "Input_Visibility_Public",
        _ => key.Replace('.', '_').Replace('[', '_').Replace(']', '_'),
    };

    /// <summary>The id of the block of findings under a field.</summary>
    public static string FindingsAnchor(string field) => "findings-" + field.Replace('.', '-');

    /// <summary>Where the "look at the findings" message goes (the error summary links it to the first finding).</summary>
    public const string FindingsKey = "Input.Findings";

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
        if (findings.Any(f => !input.SeenFindings.Contains(Fingerprint(f))))
            state.AddModelError(FindingsKey, S["Some details may identify a company or a person: they are shown under their fields. Replace them, or publish again if they identify no one."]);
        if (withPreview)
            state.Clear();   // a preview is not a submission
        var rendered = input.FitsLimits() ? RenderField(input.Body, state, "Input.Body") : null;
        var preview = withPreview && rendered is not null ? SafeHtml.From(rendered) : (SafeHtml?)null;
        return new CaseFormView(tags, findings, preview) { Rendered = rendered };
    }

    /// <summary>
    /// The "Replace with…" button of a finding: the field is rewritten and the form shown again, as a preview (no
    /// error messages: nothing was submitted).
    /// </summary>
    public async Task<CaseFormView> ReplaceAsync(CaseInput input, string replace, ModelStateDictionary state, CancellationToken ct)
    {
        await ApplyReplacementAsync(input, replace, ct);
        state.Clear();   // the tag helpers would show the posted text, not the rewritten one
        return await ValidateAsync(input, state, withPreview: true, ct);
    }

    /// <summary>A pseudonym may not pass for someone (<see cref="PseudonymRules"/>).</summary>
    public async Task CheckPseudonymAsync(CaseInput input, string writerId, ModelStateDictionary state, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Pseudonym)) return;
        if (await PseudonymRules.PassesForSomeoneAsync(db, PseudonymRules.Clean(input.Pseudonym), writerId, ct))
            state.AddModelError("Input.Pseudonym", S["This name is already in use (a member's display name or a pseudonym) or reserved. Choose another one."]);
    }

    private static void CheckKind(List<int> ids, TagKind kind, IReadOnlyList<TagOption> tags, ModelStateDictionary state, string field, string? requiredMessage)
    {
        ids.RemoveAll(id => !tags.Any(t => t.Id == id && t.Kind == kind));
        if (requiredMessage is not null && ids.Count == 0)
            state.AddModelError("Input." + field, requiredMessage);
    }
}

/// <summary>A reply rendered for storing, and the members it mentions.</summary>
public sealed record RenderedReply(RenderedMarkdown Body, IReadOnlyList<string> Mentioned);
