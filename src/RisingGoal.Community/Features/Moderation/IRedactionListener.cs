namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Told after a redaction is saved, so copies elsewhere (search index, cached pages, digests not yet sent) can be
/// rebuilt from the redacted text. The removed text is deliberately not passed.
/// </summary>
public interface IRedactionListener
{
    Task OnRedactedAsync(TargetKind kind, int caseId, int? replyId, CancellationToken cancellationToken);
}
