using System.Threading.Channels;

namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

/// <summary>
/// "This message was just queued and someone is waiting for it": a request writes the outbox row, commits, calls
/// <see cref="Wake"/> and answers at once; <see cref="OutboxDispatcher"/> sends the message in the background.
/// No request ever waits on the mail server.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<long> _ids = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Asks for the saved (committed) message <paramref name="id"/> to be sent now.</summary>
    public void Wake(long id)
    {
        lock (_gate)
        {
            if (_inFlight++ == 0)
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _ids.Writer.TryWrite(id);
    }

    /// <summary>Completes when every message woken so far has been tried (sent, or left to the retries).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    internal ChannelReader<long> Woken => _ids.Reader;

    internal void Done()
    {
        lock (_gate)
        {
            if (--_inFlight == 0)
                _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}

/// <summary>
/// Sends the messages <see cref="OutboxSignal"/> is woken for, each in a scope of its own, a few at a time. Runs even
/// when the polling sender (<see cref="OutboxOptions.Enabled"/>) is off, as the request used to send them itself;
/// a failure leaves the message to the polling sender's retries.
/// </summary>
internal sealed class OutboxDispatcher(OutboxSignal signal, IServiceScopeFactory scopes, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int Parallel = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Parallel);
        var running = new List<Task>();
        try
        {
            await foreach (var id in signal.Woken.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(SendAsync(id, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await Task.WhenAll(running);
    }

    private async Task SendAsync(long id, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendNowAsync(id, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Outbox message {Id} could not be sent at once; the outbox sender retries it", id);
        }
        catch (OperationCanceledException) { }
        finally
        {
            slots.Release();
            signal.Done();
        }
    }
}
