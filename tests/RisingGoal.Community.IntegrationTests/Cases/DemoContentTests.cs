using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

public sealed class DemoContentFactory : CommunityAppFactory
{
    public DemoContentFactory() => With("Community:DemoContent", "true");
}

public sealed class DemoContentTests(DemoContentFactory factory) : IClassFixture<DemoContentFactory>
{
    [Fact]
    public async Task Demo_cases_are_imported_once_under_their_pseudonym()
    {
        var cases = await CaseSeed.QueryAsync(factory, db => db.Set<Case>().Where(c => c.DemoId != null).ToListAsync());
        Assert.Equal(3, cases.Count);
        Assert.All(cases, c => Assert.Null(c.AuthorId));
        var first = cases.Single(c => c.DemoId == "scale-up-80-okr-relance");
        Assert.Equal(FollowUpStatus.Ongoing, first.LatestFollowUpStatus);

        using (var scope = factory.Services.CreateScope())
            foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
                await task.RunAsync(CancellationToken.None);
        Assert.Equal(3, await CaseSeed.QueryAsync(factory, db => db.Set<Case>().CountAsync(c => c.DemoId != null)));

        var page = await factory.CreateFormClient().GetDocumentAsync(CaseUrls.Read(first.Id, first.Slug));
        Assert.Equal("Coach de passage", page.QuerySelector("header .byline")!.TextContent);
    }
}
