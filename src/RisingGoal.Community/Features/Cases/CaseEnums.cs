namespace RisingGoal.Community.Features.Cases;

public enum SizeBand { From1To10 = 1, From11To50 = 2, From51To200 = 3, From201To1000 = 4, From1001To5000 = 5, Over5000 = 6 }

public enum Sector { Software = 1, Industry = 2, Services = 3, Finance = 4, PublicSector = 5, Health = 6, Retail = 7, Education = 8, NonProfit = 9, Other = 10 }

public enum Stage { Startup = 1, ScaleUp = 2, Established = 3, Transformation = 4 }

public enum AuthorRole { Coach = 1, Manager = 2, HumanResources = 3, Executive = 4, Other = 5 }

public enum CaseVisibility { Public = 1, MembersOnly = 2 }

/// <summary>Pending, Hidden and Rejected belong to moderation (later); confirmed members publish directly.</summary>
public enum CaseStatus { Published = 1, Pending = 2, Hidden = 3, Deleted = 4, Rejected = 5 }

/// <summary>
/// <see cref="Rejected"/>: held for review and refused, never shown to anyone but its author and staff (a hidden reply
/// was public once and stays as a tombstone in the discussion; a rejected one never was, so it leaves no trace).
/// </summary>
public enum ReplyStatus { Published = 1, Pending = 2, Hidden = 3, Deleted = 4, Rejected = 5 }

public enum FollowUpStatus { Ongoing = 1, Stabilised = 2, Corrected = 3, Abandoned = 4 }

/// <summary>What the author says about the organisation; every field is optional except the size band and sector.</summary>
public sealed record CaseContext(SizeBand SizeBand, Sector Sector, Stage Stage, string? Region, int? OkrCyclesRun, AuthorRole AuthorRole);

/// <summary>The text of a case as the author typed it, with the rendered body.</summary>
/// <param name="Language">The language the case is written in (<see cref="CaseLanguages"/>); null keeps the case's.</param>
public sealed record CaseText(string Title, string Summary, string BodyMarkdown, string? Outcome, string? OpenQuestion, string? Language = null);
