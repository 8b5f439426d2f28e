using System.Security.Cryptography;
using System.Text;

namespace RisingGoal.Community.Features.Feeds;

/// <summary>
/// A feed's own &lt;updated&gt;: when its entries last changed. Drawn from the entries alone, it froze when one left
/// (hidden, deleted, an author erased) and when an old one came back or turned public at its date, so a reader that
/// trusts it kept the removed case. Drawn from the removal itself, it would tell when a moderator or an author acted.
/// So: the newest entry's time when a newer entry explains the change; otherwise the moment this instance first built
/// the changed feed (the first reader after the change, which any reader asking then would have seen); unchanged while
/// the entries are the same, whatever private write rebuilt the feed. Kept per instance and lost at a restart (the
/// entries' time again); the ETag, a hash of the bytes, stays what readers revalidate with.
/// </summary>
public sealed class FeedUpdates(TimeProvider clock)
{
    private readonly Dictionary<string, (string Entries, DateTime Updated)> _last = new();

    /// <param name="feed">The feed's identity (kind and tag: bounded by the tags that exist), not its culture.</param>
    /// <param name="entries">What the feed shows of each entry, in order, in no culture's words.</param>
    /// <param name="newestEntry">The newest entry's time (<see cref="DateTime.UnixEpoch"/> when the feed is empty).</param>
    public DateTime Of(string feed, IEnumerable<string> entries, DateTime newestEntry)
    {
        var signature = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', entries))));
        lock (_last)
        {
            if (_last.TryGetValue(feed, out var last) && last.Entries == signature) return last.Updated;
            var updated = !_last.ContainsKey(feed) || newestEntry > last.Updated ? newestEntry : clock.GetUtcNow().UtcDateTime;
            _last[feed] = (signature, updated);
            return updated;
        }
    }
}
