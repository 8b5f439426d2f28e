namespace RisingGoal.Community.Features.Digests;

public sealed class DigestFollowedTag(string memberId, int tagId)
{
    public string MemberId { get; private set; } = memberId;
    public int TagId { get; private set; } = tagId;
}
