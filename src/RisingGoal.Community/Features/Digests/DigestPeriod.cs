namespace RisingGoal.Community.Features.Digests;

/// <summary>A digest period [StartUtc, EndUtc): EndUtc is the scheduled instant the digest is due.</summary>
public readonly record struct DigestPeriod(DateTime StartUtc, DateTime EndUtc);
