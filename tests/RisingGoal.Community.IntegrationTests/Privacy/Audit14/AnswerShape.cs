using System.Text.RegularExpressions;

namespace RisingGoal.Community.IntegrationTests.Privacy.Audit14;

/// <summary>
/// What an outsider can compare between two answers: status, where it sends them (ids taken out, in the path and in
/// anchors such as <c>#reply-12</c>) and how long the page is.
/// </summary>
public static partial class AnswerShape
{
    [GeneratedRegex(@"(?<=/|%2F|-)\d+")]
    private static partial Regex Ids();

    public static async Task<string> OfAsync(string label, HttpResponseMessage answer)
    {
        var length = (await answer.Content.ReadAsByteArrayAsync()).Length;
        return $"{label}: {(int)answer.StatusCode} {Ids().Replace(answer.Headers.Location?.OriginalString ?? "", "{n}")} {length}";
    }
}
