namespace RisingGoal.Community.Features.Cases;

public static class CaseLimits
{
    public const int TitleMax = 120;
    public const int SummaryMax = 600;
    public const int BodyMin = 200;
    public const int BodyMax = 40_000;
    public const int OutcomeMax = 4000;
    public const int OpenQuestionMax = 600;
    public const int RegionMax = 60;
    public const int PseudonymMin = 3;
    public const int PseudonymMax = 40;
    public const int SlugMax = 140;
    public const int ReplyMax = 20_000;
    public const int FollowUpMax = 8000;
    public const int ReasonMax = 300;
}
