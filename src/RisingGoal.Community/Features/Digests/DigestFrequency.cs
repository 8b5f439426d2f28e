namespace RisingGoal.Community.Features.Digests;

public enum DigestFrequency
{
    Never = 0,
    Daily = 1,
    Weekly = 2,
}
