using Microsoft.AspNetCore.Identity;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// At start-up: makes sure the roles exist, and when <c>Community:Admin:Email</c> and <c>Community:Admin:Password</c>
/// are both set, creates or updates that administrator (confirmed e-mail, configured password, Administrator role).
/// </summary>
internal sealed class AdminBootstrap(UserManager<Member> users, RoleManager<IdentityRole> roles, IConfiguration configuration,
    TimeProvider clock, ILogger<AdminBootstrap> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
                logger.LogInformation("Role {Role} created", role);
            }

        var email = configuration["Community:Admin:Email"]?.Trim();
        var password = configuration["Community:Admin:Password"];
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            logger.LogInformation("No administrator configured (Community:Admin:Email and Community:Admin:Password)");
            return;
        }
        var displayName = configuration["Community:Admin:DisplayName"] is { Length: > 0 } configured ? configured : "Administrateur";

        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = Member.Create(email, displayName, "fr", clock.GetUtcNow().UtcDateTime);
            admin.EmailConfirmed = true;
            Check(await users.CreateAsync(admin, password), "create the administrator");
            logger.LogInformation("Administrator {MemberId} created", admin.Id);   // never the address: logs are read by others
        }
        else
        {
            admin.EmailConfirmed = true;
            if (configuration["Community:Admin:DisplayName"] is { Length: > 0 }) admin.DisplayName = displayName;
            Check(await users.UpdateAsync(admin), "update the administrator");
            var token = await users.GeneratePasswordResetTokenAsync(admin);
            Check(await users.ResetPasswordAsync(admin, token, password), "set the administrator's password");
            await users.SetLockoutEndDateAsync(admin, null);
            logger.LogInformation("Administrator {MemberId} updated (password reset to the configured one)", admin.Id);
        }

        if (!await users.IsInRoleAsync(admin, Roles.Administrator))
            Check(await users.AddToRoleAsync(admin, Roles.Administrator), "add the Administrator role");
    }

    private void Check(IdentityResult result, string what)
    {
        if (result.Succeeded) return;
        var errors = string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}"));
        // Identity's descriptions quote the address ("Email 'x@y' is already taken"): logged without it.
        logger.LogError("Administrator bootstrap could not {What}: {Errors}", what, Infrastructure.Mail.MailLogText.WithoutAddresses(errors));
        throw new InvalidOperationException($"Administrator bootstrap could not {what}: {errors}");
    }
}
