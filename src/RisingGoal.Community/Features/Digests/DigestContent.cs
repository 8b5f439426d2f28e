namespace RisingGoal.Community.Features.Digests;

/// <summary>One line of a digest: a case or a discussion, with an absolute link.</summary>
public sealed record DigestItem(string Title, string Url, string Meta, string? Summary);

public sealed record DigestSection(string Heading, IReadOnlyList<DigestItem> Items);

/// <summary>What a member's digest holds for a period, already localised; empty means no e-mail.</summary>
public sealed record DigestContent(string Subject, string Intro, IReadOnlyList<DigestSection> Sections)
{
    public bool IsEmpty => Sections.All(s => s.Items.Count == 0);
}
