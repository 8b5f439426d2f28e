using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// What the moderation pages share: each answers a form of the queue (<c>_Queue.cshtml</c>), and shows the queue again when
/// the form needs correcting or when the answer is for this response only (a reveal). Decisions on posts live in
/// <see cref="QueueModel"/>, reveals in <see cref="RevealsModel"/>, takedown answers in <see cref="TakedownAnswersModel"/> and
/// edits awaiting review in <see cref="EditsModel"/>.
/// </summary>
public abstract class QueuePage(CommunityDbContext db, IStringLocalizer<Strings> l, QueueLoader loader, ModerationService moderation)
    : ModeratorPage(db, l), Shared.IErrorSummaryFields
{
    public QueueContents Queue { get; private set; } = QueueContents.Empty;
    public IReadOnlyList<QueueItem> Items => Queue.Items;
    public IReadOnlyDictionary<int, Tag> Tags => Queue.Tags;
    public IReadOnlyList<TakedownItem> Takedowns => Queue.Takedowns;
    /// <summary>Edits by members not trusted yet, waiting for a decision (Input.Id is the edit's id in their forms).</summary>
    public IReadOnlyList<PendingEditItem> PendingEdits => Queue.PendingEdits;

    [BindProperty] public QueueInput Input { get; set; } = new();

    /// <summary>Bound only by the takedown answer (a page-wide binding would fail the other forms' validation).</summary>
    public TakedownAnswerInput Answer { get; protected set; } = new();
    /// <summary>The takedown request whose answer form failed validation.</summary>
    public int? AnswerErrorFor { get; protected set; }
    /// <summary>The item (<see cref="QueueItem.Key"/>) whose reveal form failed validation (its form shows the message and stays open).</summary>
    public string? RevealErrorFor { get; protected set; }
    /// <summary>The rejection form that failed validation: a queue item's key, or "edit-{id}" for an edit awaiting review.</summary>
    public string? RejectErrorFor { get; protected set; }
    /// <summary>Set only on the response to a logged reveal, for the moderator who asked.</summary>
    public RevealedIdentity? Revealed { get; protected set; }

    public DateTime Now => moderation.Now;
    protected ModerationService Moderation => moderation;

    protected async Task LoadAsync() => Queue = await loader.LoadAsync();

    /// <summary>The queue again, with this response's messages (validation errors, a reveal).</summary>
    protected async Task<IActionResult> ShowQueueAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// A rejection (of a post or of an edit) needs a reason, and an explanation for "Other reason"; each missing one is
    /// said at its field of the form that failed (<paramref name="formKey"/>), which stays open.
    /// </summary>
    protected bool RejectReasonGiven(string formKey)
    {
        if (Input.Reason is null)
            ModelState.AddModelError("Input.Reason", L["Choose a reason for the rejection."]);
        else if (Input.Reason == RejectReason.Other && string.IsNullOrWhiteSpace(Input.Text))
            ModelState.AddModelError("Input.Text", L["Explain the reason when you choose \"Other reason\"."]);
        if (!ModelState.IsValid) RejectErrorFor = formKey;
        return ModelState.IsValid;
    }

    /// <summary>The first message of a field, said at the field of the one repeated form that failed.</summary>
    public string? ErrorOf(string key) =>
        ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0) : null;

    /// <summary>The queue repeats its forms per item: the error summary leads to the field of the item whose form failed.</summary>
    public int ErrorOrder(string key) => 0;

    public string? ErrorAnchor(string key) => key switch
    {
        "Input.RevealReason" when RevealErrorFor is { } item => $"reveal-{item}",
        "Input.Reason" when RejectErrorFor is { } form => $"reason-{form}",
        "Input.Text" when RejectErrorFor is { } form => $"text-{form}",
        "Answer.Message" when AnswerErrorFor is { } id => $"answer-{id}",
        "Answer.Outcome" when AnswerErrorFor is { } id => $"outcome-{id}",
        _ => null,
    };

    /// <summary>After an action, and for a GET of a page that only answers forms.</summary>
    protected IActionResult BackToQueue() => RedirectToPage("/Moderation/Queue");
}

/// <param name="ItemKey">The queue item (<see cref="QueueItem.Key"/>) the reveal was asked from.</param>
public sealed record RevealedIdentity(string ItemKey, string Pseudonym, string? MemberId, string? DisplayName, string? Email);
