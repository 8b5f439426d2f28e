using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.IntegrationTests.Builders;

/// <summary>A reply added through <see cref="Case.AddReply"/>, with the case's counters refreshed as the reply handler does.</summary>
public sealed class ReplyBuilder : ITestData<Reply>
{
    private int _caseId;
    private string? _authorId;
    private ITestData<Member>? _authorBuilder;
    private string _body = "Même chose chez nous.";
    private DateTime? _createdUtc;
    private bool _pending;

    public ReplyBuilder On(Case @case) { _caseId = @case.Id; return this; }
    public ReplyBuilder On(int caseId) { _caseId = caseId; return this; }
    public ReplyBuilder By(Member author) { _authorId = author.Id; return this; }
    public ReplyBuilder By(string authorId) { _authorId = authorId; return this; }
    public ReplyBuilder By(MemberBuilder author) { _authorBuilder = author; return this; }
    public ReplyBuilder Saying(string bodyMarkdown) { _body = bodyMarkdown; return this; }
    public ReplyBuilder At(DateTime createdUtc) { _createdUtc = createdUtc; return this; }
    /// <summary>Held for review, as the trust policy holds a new member's first replies.</summary>
    public ReplyBuilder Pending() { _pending = true; return this; }

    public async Task<Reply> CreateAsync(IServiceProvider services)
    {
        if (_caseId == 0) throw new InvalidOperationException("A reply needs a case: .On(case).");
        var authorId = _authorId ?? (await (_authorBuilder ?? A.Member()).CreateAsync(services)).Id;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var @case = await db.Set<Case>().SingleAsync(c => c.Id == _caseId);
        var reply = @case.AddReply(authorId, _body, scope.ServiceProvider.GetRequiredService<MarkdownRenderer>().Render(_body),
            _createdUtc ?? scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime)
            ?? throw new InvalidOperationException($"Case {_caseId} takes no reply (locked?).");
        if (_pending) reply.HoldForReview();
        db.Add(reply);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<Reactions>().RefreshRepliesAsync(_caseId, added: true, default);
        return reply;
    }
}
