using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL commands whose text mentions <paramref name="fragment"/> (a table, a statement), queries and writes
/// alike, for "no command about X" or "one statement per batch" assertions. Add it with <c>ConfigureCommunityDbContext</c>.
/// </summary>
public sealed class CommandsMentioning(string fragment) : DbCommandInterceptor
{
    private int _count;
    public int Count => Volatile.Read(ref _count);

    private void See(DbCommand command)
    {
        if (command.CommandText.Contains(fragment, StringComparison.Ordinal)) Interlocked.Increment(ref _count);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        See(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        See(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
