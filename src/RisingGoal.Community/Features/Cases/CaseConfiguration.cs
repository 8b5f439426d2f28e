using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.Property(c => c.Slug).HasMaxLength(CaseLimits.SlugMax).IsRequired();
        builder.Property(c => c.Title).HasMaxLength(CaseLimits.TitleMax).IsRequired();
        builder.Property(c => c.Summary).HasMaxLength(CaseLimits.SummaryMax).IsRequired();
        builder.Property(c => c.BodyMarkdown).HasMaxLength(CaseLimits.BodyMax).IsRequired();
        builder.Property(c => c.BodyHtml).IsRequired();
        builder.Property(c => c.Pseudonym).HasMaxLength(CaseLimits.PseudonymMax);
        builder.Property(c => c.Region).HasMaxLength(CaseLimits.RegionMax);
        builder.Property(c => c.Outcome).HasMaxLength(CaseLimits.OutcomeMax);
        builder.Property(c => c.OpenQuestion).HasMaxLength(CaseLimits.OpenQuestionMax);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.DemoId).HasMaxLength(80);
        builder.HasIndex(c => c.DemoId).IsUnique();
        builder.Ignore(c => c.PreviousSlug);
        builder.Ignore(c => c.IsLocked);
        builder.Ignore(c => c.IsPseudonymous);
        builder.Ignore(c => c.AcceptsReplies);

        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Resonances).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Tags).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Resonances).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One index per list order and filter of the browsing pages (newest, active, most resonant).
        builder.HasIndex(c => new { c.Status, c.Visibility, c.PublishedUtc, c.Id }).IsDescending(false, false, true, true);
        builder.HasIndex(c => new { c.Status, c.LastActivityUtc, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.Status, c.ResonanceCount, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.Status, c.FeaturedUtc });
        builder.HasIndex(c => c.AuthorId);
    }
}

internal sealed class CaseTagConfiguration : IEntityTypeConfiguration<CaseTag>
{
    public void Configure(EntityTypeBuilder<CaseTag> builder)
    {
        builder.ToTable("CaseTags");
        builder.HasKey(t => new { t.CaseId, t.TagId });
        builder.HasOne<Tag>().WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.TagId, t.CaseId });
    }
}

internal sealed class CaseSlugConfiguration : IEntityTypeConfiguration<CaseSlug>
{
    public void Configure(EntityTypeBuilder<CaseSlug> builder)
    {
        builder.ToTable("CaseSlugs");
        builder.Property(s => s.Slug).HasMaxLength(CaseLimits.SlugMax).IsRequired();
        builder.HasIndex(s => new { s.CaseId, s.Slug }).IsUnique();
        builder.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseRevisionConfiguration : IEntityTypeConfiguration<CaseRevision>
{
    public void Configure(EntityTypeBuilder<CaseRevision> builder)
    {
        builder.ToTable("CaseRevisions");
        builder.Property(r => r.Title).HasMaxLength(CaseLimits.TitleMax).IsRequired();
        builder.Property(r => r.Summary).HasMaxLength(CaseLimits.SummaryMax).IsRequired();
        builder.Property(r => r.BodyMarkdown).HasMaxLength(CaseLimits.BodyMax).IsRequired();
        builder.Property(r => r.Outcome).HasMaxLength(CaseLimits.OutcomeMax);
        builder.Property(r => r.OpenQuestion).HasMaxLength(CaseLimits.OpenQuestionMax);
        builder.Property(r => r.Reason).HasMaxLength(CaseLimits.ReasonMax);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.EditorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.CaseId, r.CreatedUtc, r.Id });
    }
}
