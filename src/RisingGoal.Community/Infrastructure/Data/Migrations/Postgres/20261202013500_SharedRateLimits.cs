using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Postgres
{
    /// <summary>
    /// Rate-limit counters shared by every instance (Infrastructure/Web/SharedRateLimits.cs). Written by hand: the
    /// table is not part of the EF model (only that class reads it, through SQL), and SQLite has no such table since
    /// one instance counts in memory.
    /// </summary>
    [DbContext(typeof(PostgresCommunityDbContext))]
    [Migration("20261202013500_SharedRateLimits")]
    public partial class SharedRateLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "RateLimitWindows" (
                    "Key" text NOT NULL,
                    "WindowStart" timestamp with time zone NOT NULL,
                    "Hits" integer NOT NULL,
                    "ExpiresUtc" timestamp with time zone NOT NULL,
                    CONSTRAINT "PK_RateLimitWindows" PRIMARY KEY ("Key", "WindowStart")
                );
                CREATE INDEX "IX_RateLimitWindows_ExpiresUtc" ON "RateLimitWindows" ("ExpiresUtc");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "RateLimitWindows";""");
        }
    }
}
