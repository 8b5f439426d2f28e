using RisingGoal.Community.Features.Accounts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// /moderation/redact/{kind}/{id}: remove identifying text from a post and from all its earlier versions; on a case
/// published under a pseudonym, replace that pseudonym when it identifies its author (find → replace leaves it alone).
/// </summary>
[StaffOnly]
[NoStore]   // shows what a moderator may remove, or private text: never kept by a browser or proxy
[EnableRateLimiting(RateLimits.Moderate)]
public sealed class RedactModel(CommunityDbContext db, IStringLocalizer<Strings> l, Redactor redactor, WritePolicy writes) : ModeratorPage(db, l)
{
    public string CaseTitle { get; private set; } = "";
    public string CurrentMarkdown { get; private set; } = "";
    /// <summary>The pseudonym of the case the post belongs to (null: published under the author's name).</summary>
    public string? CasePseudonym { get; private set; }
    /// <summary>The pseudonym is replaced from the case's own redaction page.</summary>
    public bool CanReplacePseudonym => _case is not null && CasePseudonym is not null;

    [BindProperty] public RedactInput Input { get; set; } = new();
    [BindProperty] public PseudonymInput Pseudonym { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string kind, int id)
    {
        if (!await LoadAsync(kind, id)) return NotFound();
        Input.NewMarkdown = CurrentMarkdown;
        if (CanReplacePseudonym) Pseudonym.New = await SuggestPseudonymAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int id)
    {
        var version = Input.Version;
        if (!await LoadAsync(kind, id)) return NotFound();
        Input.Version = version;
        if (!(await writes.CheckAsync(MemberId, HttpContext.RequestAborted)).Report(ModelState)) return Page();
        var findReplace = !string.IsNullOrEmpty(Input.Find);
        // Find → replace never rewrites a pseudonym (an arbitrary replacement would make an odd byline): say so rather
        // than redact the post and silently leave the text in its byline.
        if (findReplace && RedactionText.Contains(CasePseudonym, Input.Find!))
            ModelState.AddModelError("Input.Find", CanReplacePseudonym
                ? L["This text is in the case’s pseudonym, which find and replace does not change: replace the pseudonym below first."]
                : L["This text is in the case’s pseudonym, which find and replace does not change: replace the pseudonym from the case’s redaction page first."]);
        else if (findReplace && !await CarriesAsync(kind, id, Input.Find!))
            ModelState.AddModelError("Input.Find", L["This text appears neither in the post nor in its earlier versions."]);
        if (findReplace && RedactionText.Contains(Input.Replacement, Input.Find!))
            ModelState.AddModelError("Input.Replacement", L["The replacement must not contain the text to remove."]);
        if (!findReplace && (string.IsNullOrWhiteSpace(Input.NewMarkdown) || Input.NewMarkdown == CurrentMarkdown))
            ModelState.AddModelError("Input.Find", L["Give the text to remove, or change the Markdown."]);
        if (!ModelState.IsValid) return Page();

        var redaction = new Redaction(Input.Find, Input.Replacement ?? "", findReplace ? null : Input.NewMarkdown);
        var actor = await ActorAsync();
        var outcome = kind switch
        {
            "case" => await redactor.RedactCaseAsync(id, Input.Version, actor, redaction, Input.PublicReason, Input.PrivateNote),
            "followup" => await redactor.RedactFollowUpAsync(id, actor, redaction, Input.PublicReason, Input.PrivateNote),
            _ => await redactor.RedactReplyAsync(id, Input.Version, actor, redaction, Input.PublicReason, Input.PrivateNote),
        };
        Tell(outcome);
        return outcome == ModerationOutcome.Done ? Redirect("/moderation") : RedirectToPage(new { kind, id });
    }

    public async Task<IActionResult> OnPostPseudonymAsync(string kind, int id)
    {
        var version = Pseudonym.Version;
        if (!await LoadAsync(kind, id) || !CanReplacePseudonym) return NotFound();
        (Pseudonym.Version, Input.NewMarkdown) = (version, CurrentMarkdown);
        if (!(await writes.CheckAsync(MemberId, HttpContext.RequestAborted)).Report(ModelState)) return Page();
        var pseudonym = PseudonymRules.Clean(Pseudonym.New);
        if (!PseudonymRules.HasValidLength(pseudonym))
            ModelState.AddModelError("Pseudonym.New", L["The pseudonym must be between {0} and {1} characters.", CaseLimits.PseudonymMin, CaseLimits.PseudonymMax]);
        else if (NameFolding.SameName(pseudonym, CasePseudonym))
            ModelState.AddModelError("Pseudonym.New", L["This is the current pseudonym. Choose a new one."]);
        else if (await PseudonymRules.PassesForSomeoneAsync(Db, pseudonym, writerId: null, HttpContext.RequestAborted))
            ModelState.AddModelError("Pseudonym.New", L["This name is already in use (a member's display name or a pseudonym) or reserved. Choose another one."]);
        if (string.IsNullOrWhiteSpace(Pseudonym.PublicReason))
            ModelState.AddModelError("Pseudonym.PublicReason", L["Give the reason shown in the moderation log."]);
        if (!ModelState.IsValid) return Page();

        var outcome = await redactor.ReplacePseudonymAsync(id, version, await ActorAsync(), pseudonym, Pseudonym.PublicReason, Pseudonym.PrivateNote);
        Tell(outcome);
        return outcome == ModerationOutcome.Done ? Redirect("/moderation") : RedirectToPage(new { kind, id });
    }

    /// <summary>"Anonymous member 4821": says nothing of its author, and is nobody's display name.</summary>
    private async Task<string> SuggestPseudonymAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var suggestion = L["Anonymous member {0}", Random.Shared.Next(1000, 10000)].Value;
            if (attempt == 4 || !await PseudonymRules.PassesForSomeoneAsync(Db, suggestion, writerId: null, HttpContext.RequestAborted)) return suggestion;
        }
    }

    private Case? _case;
    private Reply? _reply;
    private FollowUp? _followUp;

    /// <summary>The text is in the post as published, or only in an earlier version or an edit awaiting review.</summary>
    private async Task<bool> CarriesAsync(string kind, int id, string find) => kind switch
    {
        "case" => _case!.Carries(find) || await redactor.EarlierVersionsCarryAsync(TargetKind.Case, id, find),
        "followup" => RedactionText.Contains(_followUp!.BodyMarkdown, find),
        _ => _reply!.Carries(find) || await redactor.EarlierVersionsCarryAsync(TargetKind.Reply, id, find),
    };

    private async Task<bool> LoadAsync(string kind, int id)
    {
        if (kind == "case")
        {
            _case = await Db.Set<Case>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
            if (_case is null) return false;
            (CaseTitle, CurrentMarkdown, Input.Version, CasePseudonym) = (_case.Title, _case.BodyMarkdown, _case.Version, _case.Pseudonym);
            Pseudonym.Version = _case.Version;
            return true;
        }
        if (kind == "followup")
        {
            _followUp = await Db.Set<FollowUp>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == id);
            if (_followUp is null) return false;
            await LoadCaseOfAsync(_followUp.CaseId);
            CurrentMarkdown = _followUp.BodyMarkdown;
            return true;
        }
        if (kind != "reply") return false;
        _reply = await Db.Set<Reply>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        if (_reply is null) return false;
        await LoadCaseOfAsync(_reply.CaseId);
        (CurrentMarkdown, Input.Version) = (_reply.BodyMarkdown, _reply.Version);
        return true;
    }

    private async Task LoadCaseOfAsync(int caseId)
    {
        var @case = await Db.Set<Case>().Where(c => c.Id == caseId).Select(c => new { c.Title, c.Pseudonym }).SingleAsync();
        (CaseTitle, CasePseudonym) = (@case.Title, @case.Pseudonym);
    }
}

public sealed class RedactInput
{
    public int Version { get; set; }
    [StringLength(200, ErrorMessage = "Keep it under {1} characters.")]
    public string? Find { get; set; }
    [StringLength(200, ErrorMessage = "Keep it under {1} characters.")]
    public string? Replacement { get; set; } = "[…]";
    [StringLength(CaseLimits.BodyMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string? NewMarkdown { get; set; }
    [StringLength(ModerationLogEntry.ReasonMax, ErrorMessage = "Keep it under {1} characters.")]
    public string? PublicReason { get; set; }
    [StringLength(ModerationLogEntry.ReasonMax, ErrorMessage = "Keep it under {1} characters.")]
    public string? PrivateNote { get; set; }
}

/// <summary>The pseudonym replacement form: its own reasons, as every moderation action has.</summary>
public sealed class PseudonymInput
{
    /// <summary>The case's version when the form was rendered: another moderator's change in between makes it stale.</summary>
    public int Version { get; set; }
    public string? New { get; set; }
    [StringLength(ModerationLogEntry.ReasonMax, ErrorMessage = "Keep it under {1} characters.")]
    public string? PublicReason { get; set; }
    [StringLength(ModerationLogEntry.ReasonMax, ErrorMessage = "Keep it under {1} characters.")]
    public string? PrivateNote { get; set; }
}
