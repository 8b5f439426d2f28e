using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Tests.Localization;

public sealed class PluralsAndDatesTests
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(1000, false)]
    public void French_takes_the_singular_for_0_and_1(long count, bool one) => Assert.Equal(one, Plurals.IsOne(count, Fr));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void English_takes_the_singular_for_1_only(long count, bool one) => Assert.Equal(one, Plurals.IsOne(count, En));

    [Theory]
    [InlineData("fr", 999, "999")]
    [InlineData("fr", 1000, "1\u202F000")]          // a narrow no-break space, as .NET's fr culture groups on ICU
    [InlineData("fr", 1234567, "1\u202F234\u202F567")]
    [InlineData("en", 1000, "1,000")]
    public void A_bare_count_is_grouped_by_the_culture(string culture, long count, string expected) =>
        Assert.Equal(expected, Numbers.Count(count, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void Validation_arguments_group_whole_numbers_and_leave_the_rest()
    {
        var current = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Fr;
        try { Assert.Equal(new object[] { "Titre", "40\u202F000", "200", "true" }, Numbers.Grouped(new object[] { "Titre", 40_000, 200L, "true" })); }
        finally { CultureInfo.CurrentCulture = current; }
    }

    [Theory]
    [InlineData("fr", 0, "0 réponse")]
    [InlineData("fr", 1, "1 réponse")]
    [InlineData("fr", 2, "2 réponses")]
    [InlineData("fr", 1234, "1\u202F234 réponses")]
    [InlineData("en", 0, "0 replies")]
    [InlineData("en", 1, "1 reply")]
    [InlineData("en", 1234, "1,234 replies")]
    public void A_count_reads_in_the_language_s_own_form(string culture, long count, string expected)
    {
        var l = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)
            .Create(typeof(Features.Browse.Strings));
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try { Assert.Equal(expected, l.Plural(count, "{0} reply", "{0} replies").Value); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }

    [Fact]
    public void The_first_of_the_month_is_1er_in_french_and_1_in_english()
    {
        var first = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal("1er\u00A0décembre 2026", Dates.Long(first, Fr));
        Assert.Equal("1\u00A0December 2026", Dates.Long(first, En));
        Assert.Equal("2\u00A0décembre 2026", Dates.Long(first.AddDays(1), Fr));
    }

    [Fact]
    public void Times_use_the_24_hour_clock_in_paris_time_never_the_us_short_format()
    {
        var evening = new DateTime(2026, 12, 1, 19, 30, 0, DateTimeKind.Unspecified);   // as the database returns it: UTC
        Assert.Equal("1er\u00A0décembre 2026 à 20\u00A0h\u00A030", Dates.LongWithTime(evening, Fr));
        Assert.Equal("1\u00A0December 2026, 20:30", Dates.LongWithTime(evening, En));
        var summer = new DateTime(2026, 7, 14, 22, 5, 0, DateTimeKind.Utc);              // after midnight in Paris (UTC+2)
        Assert.Equal("15\u00A0juillet 2026 à 0\u00A0h\u00A005", Dates.LongWithTime(summer, Fr));
    }

    [Fact]
    public void The_time_element_gives_machines_the_utc_instant()
    {
        using var writer = new StringWriter();
        // Rendered with the encoder the site uses (every Unicode range allowed, as WebSetup configures it).
        Dates.Time(new DateTime(2026, 12, 1, 19, 30, 0), withTime: false, En)
            .WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        var html = writer.ToString();
        // The no-break space between day and month goes out as a character reference, as every U+00A0 of the site does.
        Assert.Equal("<time datetime=\"2026-12-01T19:30:00Z\">1&#xA0;December 2026</time>", html);
    }
}
