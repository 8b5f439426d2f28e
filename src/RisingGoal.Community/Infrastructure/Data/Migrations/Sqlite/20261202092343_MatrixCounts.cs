using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MatrixCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseCounts",
                columns: table => new
                {
                    TagId = table.Column<int>(type: "INTEGER", nullable: false),
                    PairTagId = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseCounts", x => new { x.TagId, x.PairTagId, x.OpensUtc });
                });

            // Existing cases get their counts now, so an upgraded site never shows an empty matrix. The same rows as
            // CaseCountsRepair counts: per published case (Status 1), each tag (PairTagId 0) and each drift type
            // (Kind 1) × tension (Kind 2) pair, by the instant visitors may see it: always for a public case
            // (Visibility 1), else the end of its members-only period or never (DateTime.MinValue and MaxValue as EF writes them in SQLite).
            migrationBuilder.Sql("""
                INSERT INTO "CaseCounts" ("TagId", "PairTagId", "OpensUtc", "Count")
                SELECT y."TagId", y."PairTagId", y."OpensUtc", COUNT(*) FROM (
                    SELECT t."TagId", 0 AS "PairTagId", CASE WHEN c."Visibility" = 1 THEN '0001-01-01 00:00:00' ELSE COALESCE(c."MembersOnlyUntilUtc", '9999-12-31 23:59:59.9999999') END AS "OpensUtc"
                    FROM "CaseTags" t JOIN "Cases" c ON c."Id" = t."CaseId"
                    WHERE c."Status" = 1
                    UNION ALL
                    SELECT d."TagId", t."TagId", CASE WHEN c."Visibility" = 1 THEN '0001-01-01 00:00:00' ELSE COALESCE(c."MembersOnlyUntilUtc", '9999-12-31 23:59:59.9999999') END
                    FROM "CaseTags" d
                    JOIN "CaseTags" t ON t."CaseId" = d."CaseId"
                    JOIN "Tags" dt ON dt."Id" = d."TagId" AND dt."Kind" = 1
                    JOIN "Tags" tt ON tt."Id" = t."TagId" AND tt."Kind" = 2
                    JOIN "Cases" c ON c."Id" = d."CaseId"
                    WHERE c."Status" = 1
                ) AS y
                GROUP BY y."TagId", y."PairTagId", y."OpensUtc"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseCounts");
        }
    }
}
