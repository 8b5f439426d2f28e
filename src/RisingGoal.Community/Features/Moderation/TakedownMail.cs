using System.Globalization;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>The moderators' answer to a takedown request, in the language the request was made in.</summary>
public sealed class TakedownMail(IMailTransport transport, MailComposer composer, IStringLocalizer<Strings> l)
{
    public async Task SendAnswerAsync(TakedownRequest request, string message)
    {
        var previous = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            var culture = CultureInfo.GetCultureInfo(request.Culture == "en" ? "en" : "fr");
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            var mail = composer.Compose(request.Email, request.Email, l["Your takedown request"].Value,
            [
                l["The moderators of Rising Goal Community answered your request about: {0}", request.CaseReference].Value,
                l["Outcome: {0}", TakedownQueue.Label(request.Outcome!.Value, l)].Value,
                message.Trim(),
            ]);
            await transport.SendAsync(mail, CancellationToken.None);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = previous;
        }
    }
}
