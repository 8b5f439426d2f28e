using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Cases;

/// <summary>Localised labels of the case enums (keys are literal so the translation test sees them).</summary>
public sealed class CaseLabels(IStringLocalizer<Strings> S)
{
    public string Of(SizeBand value) => value switch
    {
        SizeBand.From1To10 => S["1–10 people"],
        SizeBand.From11To50 => S["11–50 people"],
        SizeBand.From51To200 => S["51–200 people"],
        SizeBand.From201To1000 => S["201–1,000 people"],
        SizeBand.From1001To5000 => S["1,001–5,000 people"],
        _ => S["More than 5,000 people"],
    };

    public string Of(Sector value) => value switch
    {
        Sector.Software => S["Software"],
        Sector.Industry => S["Industry"],
        Sector.Services => S["Services"],
        Sector.Finance => S["Finance"],
        Sector.PublicSector => S["Public sector"],
        Sector.Health => S["Health"],
        Sector.Retail => S["Retail"],
        Sector.Education => S["Education"],
        Sector.NonProfit => S["Non-profit"],
        _ => S["Other sector"],
    };

    public string Of(Stage value) => value switch
    {
        Stage.Startup => S["Start-up"],
        Stage.ScaleUp => S["Scale-up"],
        Stage.Established => S["Established"],
        _ => S["In transformation"],
    };

    public string Of(AuthorRole value) => value switch
    {
        AuthorRole.Coach => S["Coach or consultant"],
        AuthorRole.Manager => S["Manager"],
        AuthorRole.HumanResources => S["HR"],
        AuthorRole.Executive => S["Executive"],
        _ => S["Other role"],
    };

    /// <summary>Any of the context enums (size, sector, stage, role), for forms that list them together.</summary>
    public string OfContext(Enum value) => value switch
    {
        SizeBand v => Of(v),
        Sector v => Of(v),
        Stage v => Of(v),
        AuthorRole v => Of(v),
        _ => value.ToString(),
    };

    public string Of(FollowUpStatus value) => value switch
    {
        FollowUpStatus.Ongoing => S["Ongoing"],
        FollowUpStatus.Stabilised => S["Stabilised"],
        FollowUpStatus.Corrected => S["Corrected"],
        _ => S["Abandoned"],
    };

    public string Of(PrivacyFindingKind value) => value switch
    {
        PrivacyFindingKind.Email => S["E-mail address"],
        PrivacyFindingKind.Phone => S["Phone number"],
        PrivacyFindingKind.WebAddress => S["Web address"],
        PrivacyFindingKind.Handle => S["Social media handle"],
        PrivacyFindingKind.ProperName => S["Possible company or person name"],
        _ => S["Context precise enough to recognise the organisation (small size with a city or an exact headcount)"],
    };

    /// <summary>The words a finding's replacement puts in the text, in the language of the page.</summary>
    public string Of(PrivacyReplacement replacement) => replacement switch
    {
        PrivacyReplacement.Person => S["[a colleague]"],
        PrivacyReplacement.Company => S["[a company]"],
        PrivacyReplacement.Factory => S["[a production site]"],
        PrivacyReplacement.Place => S["[a city]"],
        PrivacyReplacement.Email => S["[an e-mail address]"],
        PrivacyReplacement.Phone => S["[a phone number]"],
        PrivacyReplacement.Website => S["[a website]"],
        PrivacyReplacement.Handle => S["[an account]"],
        _ => S["[a name]"],
    };
}
