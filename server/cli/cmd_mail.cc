// siegel mail: the reminders and status notices. --dry-run shows what would go out now and
// changes nothing; --list shows the queue; otherwise one round is queued and sent through the
// mail server (`siegel serve --smtp-url ...` does the same every --mail-interval seconds).
#include <iostream>

#include "server/cli/cli_context.h"
#include "server/cli/mail_options.h"
#include "server/mail/mail_rounds.h"

namespace siegel::cli {
namespace {

struct MailCommandOptions {
  MailOptions mail;
  bool dry_run = false;
  bool list = false;
};

void PrintMail(const OutgoingMail& m) {
  std::cout << "To: " << m.recipient.address << " ("
            << (m.recipient.staff ? "staff" : "initiative contact") << ", " << m.recipient.language
            << ")\n"
            << "Subject: " << m.subject << "\n"
            << "Occasion: " << m.occasion << "\n\n"
            << m.body << "----\n";
}

int RunMail(const CliContext& context, const MailCommandOptions& options) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  Registry& r = **registry;
  if (options.list) {
    auto recent = r.mail().Recent(100);
    if (!recent.ok()) return Fail(recent.error());
    for (const QueuedMail& q : *recent) {
      std::string state = !q.sent_at.empty()       ? "sent " + q.sent_at
                          : !q.given_up_at.empty() ? "given up " + q.given_up_at
                                                   : "waiting, next try " + q.next_attempt_at;
      std::cout << q.id << "  " << state << "  " << q.mail.recipient.address << "  "
                << q.mail.subject << (q.last_error.empty() ? "" : "  [" + q.last_error + "]")
                << "\n";
    }
    return kExitOk;
  }
  if (options.dry_run) {
    auto planned = mail::WhatWouldBeQueued(r);
    if (!planned.ok()) return Fail(planned.error());
    auto waiting = r.mail().Due(1000);
    if (!waiting.ok()) return Fail(waiting.error());
    for (const QueuedMail& q : *waiting) PrintMail(q.mail);
    for (const OutgoingMail& m : *planned) PrintMail(m);
    std::cout << "siegel: dry run: " << waiting->size() + planned->size()
              << " e-mail(s) would go out now (" << waiting->size() << " already queued, "
              << planned->size() << " new); nothing was queued or sent" << std::endl;
    return kExitOk;
  }
  auto setup = MailSetupFrom(options.mail);
  if (!setup.ok()) return Fail(setup.error());
  if (!*setup) {
    return Fail(Error::InvalidInput(
        "say which mail server sends the e-mails with --smtp-url (or $SIEGEL_SMTP_URL), or "
        "use --dry-run to see them"));
  }
  mail::SmtpTransport transport((*setup)->smtp);
  auto round = mail::RunMailRound(r, transport, (*setup)->from);
  if (!round.ok()) return Fail(round.error());
  std::cout << "siegel: " << round->queued << " e-mail(s) queued, " << round->sent << " sent, "
            << round->failed << " to be tried again, " << round->given_up << " given up"
            << std::endl;
  for (const std::string& error : round->errors) std::cerr << "siegel: " << error << "\n";
  return round->errors.empty() ? kExitOk : kExitRefused;
}

}  // namespace

void AddMailCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<MailCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "mail", "queue and send the reminders before a label ends and the status notices");
  AddMailOptions(cmd, options->mail);
  cmd->add_flag("--dry-run", options->dry_run,
                "show every e-mail that would go out now, change nothing");
  cmd->add_flag("--list", options->list, "show the last 100 e-mails queued, sent or given up");
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunMail(context, *options); };
  });
}

}  // namespace siegel::cli
