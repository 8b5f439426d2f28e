using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Pages;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Messages;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Search;
using RisingGoal.Community.Features.Feeds;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Features.MemberSpace;
using RisingGoal.Community.Features.Shared;
using RisingGoal.Community.Infrastructure;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Web;

LargeNativeBlocks.ReturnToSystemWhenFreed();   // before any native work: SQLite's large buffers are not kept by glibc's arenas

// The published output carries its own wwwroot (with .gz/.br files); pin the content root there so the app
// finds appsettings.json and its assets whatever the working folder (toolchain.md, section 10).
var appDir = AppContext.BaseDirectory;
var isPublished = Directory.Exists(Path.Combine(appDir, "wwwroot"));
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = isPublished ? appDir : null,
});
if (!isPublished && !builder.Environment.IsDevelopment())
    builder.WebHost.UseStaticWebAssets();
if (!builder.Environment.IsDevelopment())
    builder.Logging.ClearProviders().AddJsonConsole(o => o.UseUtcTimestamp = true);   // structured logs for collectors

builder.Services
    .AddSingleton(TimeProvider.System)
    .AddCommunityData(builder.Configuration, builder.Environment)
    .AddCommunityLocalization()
    .AddCommunityMail(builder.Configuration, builder.Environment)
    .AddCommunityWeb()
    .AddTrustedProxies(builder.Configuration)
    .AddRequestLimits()
    .AddPageCache(builder.Configuration)
    .AddCommunityRateLimits(builder.Configuration)
    .AddAccounts(builder.Environment)
    .AddTaxonomy(builder.Configuration)
    .AddContentPages(builder.Configuration)
    .AddCases()
    .AddModeration(builder.Configuration)
    .AddDigests(builder.Configuration)
    .AddNotifications()
    .AddMessages()
    .AddMemberSpace()
    .AddMemberPages()
    .AddBrowse()
    .AddSearch()
    .AddFeeds();

var app = builder.Build();
if (DatabaseCommands.Matches(args)) return await DatabaseCommands.RunAsync(app, args);
if (RerenderCommand.Matches(args)) return await RerenderCommand.RunAsync(app);
if (ToolCommands.Find(args) is { } toolCommand) return await toolCommand(app, args);   // seed-bench etc., from tools/

// Behind a reverse proxy, ForwardedHeaders:KnownProxies (or KnownNetworks) makes the app see the original scheme and client IP.

if (app.Environment.IsDevelopment())
    app.UseDeveloperExceptionPage();
else
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}
app.UseForwardedHeaders();   // only from ForwardedHeaders:KnownProxies/KnownNetworks (ForwardedHeadersSetup)
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseRequestLimits();
app.UseDatabaseBusyAnswer();   // a database busy past its timeout: 503 and Retry-After, not a 500
app.UseNulStripping();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseEndedSessions();   // a form posted by a session ended since (sign out everywhere, new password): to sign in
app.UseAuthorization();
// Only writes are limited (RateLimits.LimitOf): GETs skip the limiters' shared locks (2 % of a member's page).
app.UseWhen(context => !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method),
    writes => writes.UseRateLimiter());
app.UseSharedRateLimits();   // PostgreSQL: the same limits counted once for every instance
app.UseReadAge();
app.UseOutputCache();
app.UseResponseCompression();   // inside the page cache: a cached page is kept compressed (PageCache)

app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapFeeds();

app.Run();
return 0;
