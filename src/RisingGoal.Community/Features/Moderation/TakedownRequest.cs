using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace RisingGoal.Community.Features.Moderation;

public enum TakedownKind { Correction = 1, Removal = 2 }

public enum TakedownOutcome { Corrected = 1, Removed = 2, Declined = 3 }

/// <summary>
/// Someone (no account needed) asks for a correction or removal of a passage. It reaches the queue only once the
/// e-mail address is confirmed; the answer goes by e-mail and the log records the outcome, never the content.
/// </summary>
public sealed partial class TakedownRequest
{
    public const int EmailMax = 256, ReferenceMax = 300, PassageMax = 2000, ExplanationMax = 4000;

    private TakedownRequest() { }

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    public string CaseReference { get; private set; } = "";
    /// <summary>The case id read from the reference (an id or a /cases/{id}/... address), when there is one.</summary>
    public int? CaseId { get; private set; }
    public string Passage { get; private set; } = "";
    public TakedownKind Kind { get; private set; }
    public string Explanation { get; private set; } = "";
    public string Culture { get; private set; } = "fr";
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ConfirmedUtc { get; private set; }
    public DateTime? AnsweredUtc { get; private set; }
    public TakedownOutcome? Outcome { get; private set; }

    /// <summary>Creates the request and returns the confirmation token (only its hash is stored).</summary>
    public static (TakedownRequest Request, string Token) Submit(string email, string reference, string passage, TakedownKind kind,
        string explanation, string culture, DateTime nowUtc)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var match = CaseIdPattern().Match(reference.Trim());
        return (new TakedownRequest
        {
            Email = email.Trim(),
            CaseReference = reference.Trim(),
            CaseId = match.Success && int.TryParse(match.Groups[1].Value, out var id) ? id : null,
            Passage = passage.Trim(),
            Kind = kind,
            Explanation = explanation.Trim(),
            Culture = culture == "en" ? "en" : "fr",
            TokenHash = Hash(token),
            CreatedUtc = nowUtc,
        }, token);
    }

    /// <summary>Whether <paramref name="token"/> is the one e-mailed for this request (changes nothing).</summary>
    public bool Matches(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(TokenHash));

    public bool Confirm(string token, DateTime nowUtc)
    {
        if (!Matches(token)) return false;
        ConfirmedUtc ??= nowUtc;
        return true;
    }

    public bool Answer(TakedownOutcome outcome, DateTime nowUtc)
    {
        if (ConfirmedUtc is null || AnsweredUtc is not null) return false;
        Outcome = outcome;
        AnsweredUtc = nowUtc;
        return true;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    [GeneratedRegex(@"^(?:.*/cases/)?(\d+)(?:[/?#].*)?$", RegexOptions.NonBacktracking)]
    private static partial Regex CaseIdPattern();
}
