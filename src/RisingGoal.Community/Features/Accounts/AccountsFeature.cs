using Microsoft.AspNetCore.Identity;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Accounts;

public static class AccountsFeature
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddIdentity<Member, IdentityRole>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<CommunityDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager<SuspendedSignIn>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddUserValidator<DisplayNameValidator>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "rg.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            // A signed-in member who may not do something gets a real 403 (rendered by the status-code pages as the
            // localised /error/403 page), never a redirect that would answer 200.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddFolderApplicationModelConvention("/Accounts", page => page.Filters.Add(new NoStoreAttribute())));
        services.AddCookieRevalidation();
        services.AddStaffAccess();
        services.AddScoped<AccountMails>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<IStartupTask, AdminBootstrap>();
        return services;
    }
}
