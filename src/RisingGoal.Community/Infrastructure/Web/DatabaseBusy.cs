using Microsoft.Data.Sqlite;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// A database that stays busy past its timeout (SQLite's single writer queue on an overloaded machine, a PostgreSQL
/// statement or connection timeout) is not a bug in the request: it answers 503 with Retry-After and the localised
/// "busy" page, logged as a warning, instead of a 500. Nothing was saved (the transaction rolled back), and the
/// browser keeps what was typed in the form on going back.
/// </summary>
public static class DatabaseBusy
{
    private const int SqliteBusy = 5, SqliteLocked = 6;

    public static IApplicationBuilder UseDatabaseBusyAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsBusy(e) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseBusy).FullName!)
                .LogWarning(e, "Database busy: {Method} {Path} answered 503", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
        }
    });

    public static bool IsBusy(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        Npgsql.NpgsqlException { InnerException: TimeoutException } => true,
        _ when e.InnerException is { } inner => IsBusy(inner),
        _ => false,
    };
}
