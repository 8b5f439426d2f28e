namespace RisingGoal.Community.Features.Digests;

public sealed class Strings;
