namespace RisingGoal.Community.Features.Digests;

/// <summary>Placeholder until the Cases model lands.</summary>
public sealed class ReplyNotifier
{
}
