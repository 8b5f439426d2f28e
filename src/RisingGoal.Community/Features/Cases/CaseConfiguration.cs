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
        // The bodies (about 30 KB of Markdown + HTML per case) live in their own 1:1 table, so that list queries read
        // short Cases rows instead of walking SQLite overflow pages. Loading a Case entity brings its body along (owned);
        // a projection joins CaseBodies only when it reads c.Body.
        builder.OwnsOne(c => c.Body, b =>
        {
            b.ToTable("CaseBodies");
            b.WithOwner().HasForeignKey("CaseId");
            b.HasKey("CaseId");
            b.Property(x => x.Markdown).HasColumnName("BodyMarkdown").HasMaxLength(CaseLimits.BodyMax).IsRequired();
            b.Property(x => x.Html).HasColumnName("BodyHtml").IsRequired();
            b.Property(x => x.RendererVersion).HasColumnName("RendererVersion");
            // Start-up asks for bodies an older renderer wrote (StoredBodies): without this index, a scan of every body.
            b.HasIndex(x => x.RendererVersion);
        });
        builder.Navigation(c => c.Body).IsRequired();
        builder.Ignore(c => c.BodyMarkdown);
        builder.Ignore(c => c.BodyHtml);
        builder.Ignore(c => c.RendererVersion);
        builder.Property(c => c.Pseudonym).HasMaxLength(CaseLimits.PseudonymMax);
        builder.Property(c => c.Language).HasMaxLength(8).IsRequired();
        builder.Property(c => c.Region).HasMaxLength(CaseLimits.RegionMax);
        builder.Property(c => c.Outcome).HasMaxLength(CaseLimits.OutcomeMax);
        builder.Property(c => c.OpenQuestion).HasMaxLength(CaseLimits.OpenQuestionMax);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.DemoId).HasMaxLength(80);
        builder.HasIndex(c => c.DemoId).IsUnique();
        builder.Ignore(c => c.IsLocked);
        builder.Ignore(c => c.IsPseudonymous);
        builder.Ignore(c => c.AcceptsReplies);

        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Resonances).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Tags).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Resonances).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One index per list order of the browsing pages (newest, active, most resonant, featured, a member's cases):
        // each starts with the equality filter and ends with the exact ORDER BY, so a page is read in index order and
        // stops after 21 rows (no temp B-tree). Visibility is a residual filter: most cases are public.
        builder.HasIndex(c => new { c.Status, c.PublishedUtc, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.Status, c.LastActivityUtc, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.Status, c.ResonanceCount, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.Status, c.FeaturedUtc, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.AuthorId, c.Status, c.PublishedUtc, c.Id }).IsDescending(false, false, true, true);
        // The few authors under a pseudonym, who alone may receive masked mail (PseudonymousRecipients.Candidates, on
        // every view of the outbox page): read from this small covering index (the pseudonym in it, so no row is read),
        // not from every case.
        builder.HasIndex(c => new { c.AuthorId, c.Pseudonym }, "IX_Cases_PseudonymousAuthors").HasFilter("\"Pseudonym\" IS NOT NULL AND \"AuthorId\" IS NOT NULL");
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

internal sealed class PendingEditConfiguration : IEntityTypeConfiguration<PendingEdit>
{
    public void Configure(EntityTypeBuilder<PendingEdit> builder)
    {
        builder.ToTable("PendingEdits");
        builder.Property(e => e.AuthorId).IsRequired();
        builder.Property(e => e.BodyMarkdown).HasMaxLength(CaseLimits.BodyMax).IsRequired();
        builder.Property(e => e.Title).HasMaxLength(CaseLimits.TitleMax);
        builder.Property(e => e.Summary).HasMaxLength(CaseLimits.SummaryMax);
        builder.Property(e => e.Outcome).HasMaxLength(CaseLimits.OutcomeMax);
        builder.Property(e => e.OpenQuestion).HasMaxLength(CaseLimits.OpenQuestionMax);
        builder.Property(e => e.Region).HasMaxLength(CaseLimits.RegionMax);
        builder.Property(e => e.Reason).HasMaxLength(CaseLimits.ReasonMax);
        builder.Property(e => e.TagIds).HasMaxLength(400);
        builder.Ignore(e => e.IsCaseEdit);
        builder.Ignore(e => e.IsFollowUp);
        builder.Ignore(e => e.Text);
        builder.Ignore(e => e.Tags);
        builder.Ignore(e => e.Document);
        builder.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reply>().WithMany().HasForeignKey(e => e.ReplyId).OnDelete(DeleteBehavior.Cascade);
        // The pending text is the member's own: it goes with their account.
        builder.HasOne<Member>().WithMany().HasForeignKey(e => e.AuthorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.CaseId, e.AuthorId });
        builder.HasIndex(e => new { e.AuthorId, e.CreatedUtc });
        builder.HasIndex(e => e.CreatedUtc);
    }
}
