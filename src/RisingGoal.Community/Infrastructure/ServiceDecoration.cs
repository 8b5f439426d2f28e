namespace RisingGoal.Community.Infrastructure;

public static class ServiceDecoration
{
    /// <summary>
    /// Replaces the last registration of <typeparamref name="TService"/> (a singleton a framework registered) with
    /// <paramref name="decorate"/> wrapped around it; call after the framework's own registration.
    /// </summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        services.AddSingleton(sp => decorate(
            (TService)(registered.ImplementationInstance ?? registered.ImplementationFactory?.Invoke(sp)
                       ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)), sp));
        return services;
    }
}
