namespace RisingGoal.Community.Features.Search;

public sealed class Strings;
