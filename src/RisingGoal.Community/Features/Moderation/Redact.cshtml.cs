using RisingGoal.Community.Features.Accounts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>/moderation/redact/{kind}/{id}: remove identifying text from a post and from all its earlier versions.</summary>
[StaffOnly]
[NoStore]   // shows what a moderator may remove, or private text: never kept by a browser or proxy
public sealed class RedactModel(CommunityDbContext db, IStringLocalizer<Strings> l, Redactor redactor) : ModeratorPage(db, l)
{
    public string CaseTitle { get; private set; } = "";
    public string CurrentMarkdown { get; private set; } = "";

    [BindProperty] public RedactInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string kind, int id)
    {
        if (!await LoadAsync(kind, id)) return NotFound();
        Input.NewMarkdown = CurrentMarkdown;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int id)
    {
        var version = Input.Version;
        if (!await LoadAsync(kind, id)) return NotFound();
        Input.Version = version;
        var findReplace = !string.IsNullOrEmpty(Input.Find);
        if (findReplace && !await CarriesAsync(kind, id, Input.Find!))
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
            (CaseTitle, CurrentMarkdown, Input.Version) = (_case.Title, _case.BodyMarkdown, _case.Version);
            return true;
        }
        if (kind == "followup")
        {
            _followUp = await Db.Set<FollowUp>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == id);
            if (_followUp is null) return false;
            CaseTitle = await Db.Set<Case>().Where(c => c.Id == _followUp.CaseId).Select(c => c.Title).SingleAsync();
            CurrentMarkdown = _followUp.BodyMarkdown;
            return true;
        }
        if (kind != "reply") return false;
        _reply = await Db.Set<Reply>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        if (_reply is null) return false;
        CaseTitle = await Db.Set<Case>().Where(c => c.Id == _reply.CaseId).Select(c => c.Title).SingleAsync();
        (CurrentMarkdown, Input.Version) = (_reply.BodyMarkdown, _reply.Version);
        return true;
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
