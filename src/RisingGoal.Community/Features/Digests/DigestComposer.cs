namespace RisingGoal.Community.Features.Digests;

/// <summary>Placeholder until the Cases model lands.</summary>
public sealed class DigestComposer
{
    public Task<DigestContent> ComposeAsync(DigestRecipient recipient, DateTime sinceUtc, DateTime untilUtc, DateTime periodStartUtc, CancellationToken cancellationToken) =>
        Task.FromResult(new DigestContent("", "", []));
}
