namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Each feature that stores data about a member implements this, so "download my data" and "delete my account"
/// cover everything without the Accounts feature knowing the other features.
/// </summary>
public interface IPersonalData
{
    /// <summary>A section name ("cases", "replies"...) and a JSON-serialisable value, for the member's export.</summary>
    Task<(string Section, object Data)> ExportAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>Removes or anonymises what identifies the member; called in the same transaction as the account deletion.</summary>
    Task EraseAsync(string memberId, CancellationToken cancellationToken);
}
