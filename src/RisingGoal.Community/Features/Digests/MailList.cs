namespace RisingGoal.Community.Features.Digests;

/// <summary>The kinds of optional mail a member can leave with one click.</summary>
public enum MailList
{
    Digest = 1,
    Replies = 2,
}
