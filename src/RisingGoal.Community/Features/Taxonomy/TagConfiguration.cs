using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RisingGoal.Community.Features.Taxonomy;

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.ToTable("Tags");
        builder.Property(t => t.Slug).HasMaxLength(80).IsRequired();
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.HasIndex(t => new { t.Kind, t.SortOrder });
        builder.Property(t => t.NameFr).HasMaxLength(120).IsRequired();
        builder.Property(t => t.NameEn).HasMaxLength(120).IsRequired();
        builder.Property(t => t.DescriptionFr).HasMaxLength(2000);
        builder.Property(t => t.DescriptionEn).HasMaxLength(2000);
    }
}
