namespace RisingGoal.Community.Features.Feeds;

public sealed class Strings;
