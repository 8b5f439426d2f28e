namespace RisingGoal.Community.Features.Messages;

/// <summary>Translations for the messages between moderators and the author of a post.</summary>
public sealed class Strings;
