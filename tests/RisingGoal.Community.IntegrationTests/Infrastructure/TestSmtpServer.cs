using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 and a free port, for tests of the outbox's delivery.
/// It can be started late (SMTP "down" until then) and told to refuse messages with a given reply code.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private CancellationTokenSource? _stop;
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public TestSmtpServer() => Port = FreePort();

    public int Port { get; }
    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    /// <summary>When set, every message is refused with this reply code (e.g. 550 permanent, 451 transient).</summary>
    public SmtpReplyCode? RefuseWith { get; set; }

    /// <summary>The text of a refusal (real servers often quote the refused address in it).</summary>
    public string RefusalText { get; set; } = "Refused by the test server";

    /// <summary>When set, the server takes each message's data and answers only once this completes (a stuck server).</summary>
    public Task? HoldUntil { get; set; }

    /// <summary>Completes when the first message's data reached the server (held or not).</summary>
    public Task FirstArrival => _firstArrival.Task;
    private readonly TaskCompletionSource _firstArrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Messages refused so far (each one is an attempt the app made).</summary>
    public int Refused => _refused;
    private int _refused;

    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase))).ToList();

    public TestSmtpServer Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null) return;
        // Cancelling ends open sessions too (a client that dropped without QUIT would otherwise hold shutdown).
        _stop?.Cancel();
        _server.Shutdown();
        try { if (_running is not null) await _running.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception ex) when (ex is OperationCanceledException or TimeoutException) { }
        _stop?.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var data = buffer.ToArray();
            owner._firstArrival.TrySetResult();
            if (owner.HoldUntil is { } hold)
                await hold.WaitAsync(cancellationToken);
            if (owner.RefuseWith is { } code)
            {
                Interlocked.Increment(ref owner._refused);
                return new SmtpResponse(code, owner.RefusalText);
            }
            using var stream = new MemoryStream(data);
            owner._received.Enqueue(MimeMessage.Load(stream));
            return SmtpResponse.Ok;
        }
    }
}
