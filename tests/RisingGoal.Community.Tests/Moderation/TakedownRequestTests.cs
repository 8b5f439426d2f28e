using RisingGoal.Community.Features.Moderation;

namespace RisingGoal.Community.Tests.Moderation;

public sealed class TakedownRequestTests
{
    private static readonly DateTime Now = new(2030, 1, 7, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Checking_the_token_confirms_nothing_only_Confirm_does()
    {
        var (request, token) = TakedownRequest.Submit("a@example.test", "/cases/12/x", "Un passage", TakedownKind.Removal, "Moi.", "fr", Now);

        Assert.True(request.Matches(token));
        Assert.False(request.Matches(token[..^1] + (token[^1] == '0' ? '1' : '0')));
        Assert.False(request.Matches(null));
        Assert.Null(request.ConfirmedUtc);

        Assert.False(request.Confirm("wrong", Now));
        Assert.Null(request.ConfirmedUtc);
        Assert.True(request.Confirm(token, Now.AddHours(1)));
        Assert.True(request.Confirm(token, Now.AddHours(2)));   // a second press keeps the first instant
        Assert.Equal(Now.AddHours(1), request.ConfirmedUtc);
        Assert.Equal(12, request.CaseId);
    }
}
