namespace RisingGoal.Community.Features.Notifications;

/// <summary>Translations for notifications, unread marks and the member's own space.</summary>
public sealed class Strings;
