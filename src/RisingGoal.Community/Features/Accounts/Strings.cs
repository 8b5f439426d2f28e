namespace RisingGoal.Community.Features.Accounts;

/// <summary>Translations for the account pages, account e-mails and Identity's error messages.</summary>
public sealed class Strings;
