// Reminders and notices as people receive them: the words in each language, the message as an
// Internet message, and the sending through a real SMTP server (STARTTLS, authentication,
// refusals, retries), once per occasion.
#include <gtest/gtest.h>

#include "base/encoding.h"
#include "server/mail/mail_message.h"
#include "server/mail/mail_rounds.h"
#include "server/mail/mail_wording.h"
#include "server/mail/smtp_transport.h"
#include "tests/registry/mail_fixture.h"
#include "tests/smtp_sink.h"

namespace siegel {
namespace {

using mail::MailRound;

MailOccasion Reminder() {
  MailOccasion o;
  o.kind = MailOccasion::Kind::kReminder;
  o.key = "reminder:CEBW-2026-0008:30";
  o.reminder_days = 30;
  o.days_left = 25;
  o.renewal = "assessment";
  o.certificate.certificate.id = "CEBW-2026-0008";
  o.certificate.certificate.valid_until = "2026-12-27T00:00:00Z";
  o.certificate.initiative_name = "microTEC Südwest";
  o.programme_name_de = "Cluster-Exzellenz Baden-Württemberg";
  o.programme_name_en = "Cluster Excellence Baden-Württemberg";
  o.recipients = {{"kontakt@microtec.example", "de", false, "microTEC Südwest"},
                  {"ben@ministerium.example", "en", true, "Ben Example"}};
  return o;
}

RegistrySettings Settings() {
  RegistrySettings s;
  s.base_url = "https://labels.example.org";
  s.issuer_name = "Ministerium für Wirtschaft, Arbeit und Tourismus Baden-Württemberg";
  return s;
}

TEST(MailWordingTest, AReminderReachesTheContactInGermanAndAnAccountInItsOwnLanguage) {
  auto mails = mail::WordMail(Reminder(), Settings());
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].subject,
            "Erinnerung: Ihr Label „Cluster-Exzellenz Baden-Württemberg“ endet in 25 Tagen "
            "(CEBW-2026-0008)");
  EXPECT_NE(mails[0].body.find("Guten Tag,\n"), std::string::npos) << mails[0].body;
  EXPECT_NE(mails[0].body.find("ist gültig bis zum 27.12.2026, also noch 25 Tage."),
            std::string::npos)
      << mails[0].body;
  EXPECT_NE(mails[0].body.find(
                "Urkunde prüfen: https://labels.example.org/verify/CEBW-2026-0008?lang=de\n"),
            std::string::npos);
  EXPECT_EQ(mails[0].body.find("/admin"), std::string::npos) << "no staff link for the public";
  EXPECT_EQ(mails[1].subject,
            "Reminder: certificate CEBW-2026-0008 (microTEC Südwest) ends in "
            "25 days");
  EXPECT_NE(mails[1].body.find("Dear Ben Example,\n"), std::string::npos) << mails[1].body;
  EXPECT_NE(mails[1].body.find("Renewal: Assessment recorded: propose the renewal\n"),
            std::string::npos)
      << mails[1].body;
  EXPECT_NE(mails[1].body.find("Check the certificate: "
                               "https://labels.example.org/verify/CEBW-2026-0008?lang=en\n"),
            std::string::npos);
  EXPECT_NE(mails[1].body.find("On the staff pages: https://labels.example.org/admin\n"),
            std::string::npos);
  for (const OutgoingMail& m : mails) {
    EXPECT_EQ(m.occasion, "reminder:CEBW-2026-0008:30");
    EXPECT_EQ(m.certificate_id, "CEBW-2026-0008");
  }
}

TEST(MailWordingTest, ARevocationNoticeSaysWhatChangedWhenAndWhy) {
  MailOccasion o = Reminder();
  o.kind = MailOccasion::Kind::kStatusChange;
  o.key = "status:17";
  o.event.event = "revoked";
  o.event.at = "2026-12-02T10:15:00Z";
  o.event.reason = "issued in error: wrong legal entity";
  auto mails = mail::WordMail(o, Settings());
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].subject, "Urkunde CEBW-2026-0008 (microTEC Südwest): widerrufen");
  EXPECT_NE(mails[0].body.find("hat sich geändert: widerrufen am 02.12.2026."), std::string::npos)
      << mails[0].body;
  EXPECT_NE(mails[0].body.find("Grund: irrtümlich ausgestellt: wrong legal entity"),
            std::string::npos)
      << mails[0].body;
  EXPECT_EQ(mails[1].subject, "Certificate CEBW-2026-0008 (microTEC Südwest): revoked");
  EXPECT_NE(mails[1].body.find("has changed: revoked on 2 December 2026."), std::string::npos)
      << mails[1].body;
}

TEST(MailMessageTest, HeadersAreEncodedWordsNeverSplittingACharacterAndLinesEndInCrlf) {
  EXPECT_EQ(mail::EncodeHeaderText("Reminder: CEBW-2026-0008"), "Reminder: CEBW-2026-0008");
  std::string subject =
      "Erinnerung: Ihr Label „Cluster-Exzellenz Baden-Württemberg“ endet in "
      "25 Tagen (CEBW-2026-0008) – äöüß";
  std::string encoded = mail::EncodeHeaderText(subject);
  std::string decoded;
  size_t pos = 0;
  int words = 0;
  while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos) {
    size_t end = encoded.find("?=", pos + 10);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end + 2 - pos, 75u) << "an encoded word is at most 75 characters";
    auto bytes = Base64Decode(encoded.substr(pos + 10, end - pos - 10));
    ASSERT_TRUE(bytes.ok());
    std::string part(bytes->begin(), bytes->end());
    // Each word decodes on its own to whole characters (RFC 2047 §5).
    size_t i = 0;
    while (i < part.size()) {
      auto lead = static_cast<unsigned char>(part[i]);
      size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      EXPECT_NE(lead & 0xC0, 0x80) << "word " << words << " starts inside a character";
      i += length;
    }
    EXPECT_EQ(i, part.size()) << "word " << words << " ends inside a character";
    decoded += part;
    pos = end + 2;
    ++words;
  }
  EXPECT_GT(words, 1);
  EXPECT_EQ(decoded, subject);

  QueuedMail queued;
  queued.id = 42;
  queued.queued_at = "2026-12-02T10:15:00Z";
  queued.mail.recipient = {"kontakt@microtec.example", "de", false, ""};
  queued.mail.subject = subject;
  queued.mail.body = "Guten Tag,\n\n.eine Zeile mit Punkt\nEnde\n";
  std::string message =
      mail::FormatMessage(queued, {"siegel@ministerium.example", "Register der Qualitätslabel"},
                          *ParseDateTimeStamp("2026-12-02T10:15:30Z"));
  EXPECT_EQ(message.rfind("Date: Wed, 02 Dec 2026 10:15:30 +0000\r\n", 0), 0u) << message;
  EXPECT_NE(message.find("\r\nTo: <kontakt@microtec.example>\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nMessage-ID: <siegel.42.20261202101500@ministerium.example>\r\n"),
            std::string::npos);
  EXPECT_NE(message.find("\r\nAuto-Submitted: auto-generated\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nContent-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\n\r\nGuten Tag,\r\n\r\n.eine Zeile mit Punkt\r\nEnde\r\n"),
            std::string::npos);
  size_t start = 0;
  while (start < message.size()) {
    size_t end = message.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
    EXPECT_EQ(message.substr(start, end - start).find('\n'), std::string::npos);
    EXPECT_LE(end - start, 78u) << message.substr(start, end - start);
    start = end + 2;
  }
}

// A registry in which ben approved anna's proposal, with a contact address: the issuance
// notice is waiting to be queued for three people.
class MailSendingTest : public MailingStaffTest {
 protected:
  void SetUp() override {
    MailingStaffTest::SetUp();
    std::string certs = (certs_.path()).string();
    ASSERT_EQ(testing::RunProcess(
                  {"/bin/bash", std::string(SIEGEL_SOURCE_DIR) + "/certs/make-dev-cert", certs})
                  .exit_code,
              0);
  }

  testing::SmtpSinkOptions Tls() const {
    testing::SmtpSinkOptions o;
    o.tls_cert = (certs_.path() / "dev-cert.pem").string();
    o.tls_key = (certs_.path() / "dev-key.pem").string();
    return o;
  }
  mail::SmtpConfig Config(const testing::SmtpSink& sink) const {
    mail::SmtpConfig c;
    c.url = sink.url();
    c.ca_file = (certs_.path() / "dev-ca.pem").string();
    c.timeout_seconds = 10;
    return c;
  }
  MailRound Round(mail::MailTransport& transport) {
    auto round = mail::RunMailRound(*registry_, transport, from_);
    EXPECT_TRUE(round.ok()) << round.message();
    return round.ok() ? *round : MailRound{};
  }

  // A sink asking for STARTTLS and a password, and a transport that gives `password`.
  std::pair<std::unique_ptr<testing::SmtpSink>, mail::SmtpConfig> WithPassword(
      const std::string& password) const {
    auto options = Tls();
    options.user = "siegel";
    options.password = "geheim 2026";
    auto sink = std::make_unique<testing::SmtpSink>(options);
    mail::SmtpConfig config = Config(*sink);
    config.username = "siegel";
    config.password = password;
    return {std::move(sink), config};
  }

  testing::TempDir certs_;
  mail::Sender from_{"siegel@ministerium.example", "Register der Qualitätslabel"};
};

TEST_F(MailSendingTest, SentOverStartTlsWithAuthenticationOnceToEachRecipient) {
  auto [sink_owner, config] = WithPassword("geheim 2026");
  const testing::SmtpSink& sink = *sink_owner;
  mail::SmtpTransport transport(config);
  MailRound round = Round(transport);
  EXPECT_EQ(round.queued, 3);
  EXPECT_EQ(round.sent, 3);
  EXPECT_TRUE(round.errors.empty()) << round.errors.front();
  auto messages = sink.WaitFor(3);
  ASSERT_EQ(messages.size(), 3u);
  std::vector<std::string> recipients;
  for (const auto& m : messages) {
    EXPECT_TRUE(m["tls"].get<bool>());
    EXPECT_TRUE(m["authenticated"].get<bool>());
    EXPECT_EQ(m["mail_from"], "siegel@ministerium.example");
    recipients.push_back(m["rcpt_tos"][0]);
  }
  EXPECT_EQ(recipients,
            (std::vector<std::string>{"kontakt@microtec.example", "anna@ministerium.example",
                                      "ben@ministerium.example"}));
  std::string english = messages[2]["data"];
  EXPECT_NE(english.find("Content-Language: en"), std::string::npos);
  EXPECT_NE(english.find("https://labels.example.org/verify/" + id_ + "?lang=en"),
            std::string::npos)
      << english;
  // Another round, and another: nothing goes twice.
  round = Round(transport);
  EXPECT_EQ(round.queued + round.sent, 0);
  now_ += 3600;
  round = Round(transport);
  EXPECT_EQ(round.queued + round.sent, 0);
  EXPECT_EQ(sink.Messages().size(), 3u);
}

TEST_F(MailSendingTest, AWrongPasswordIsRefusedAndTheMessageWaitsForTheNextTry) {
  auto [sink_owner, config] = WithPassword("falsch");
  const testing::SmtpSink& sink = *sink_owner;
  mail::SmtpTransport wrong(config);
  MailRound round = Round(wrong);
  EXPECT_EQ(round.sent, 0);
  EXPECT_EQ(round.failed, 3);
  ASSERT_EQ(round.errors.size(), 3u);
  EXPECT_NE(round.errors[0].find("the mail server did not take the message for "
                                 "kontakt@microtec.example"),
            std::string::npos)
      << round.errors[0];
  EXPECT_NE(round.errors[0].find("535"), std::string::npos) << round.errors[0];
  config.password = "geheim 2026";
  mail::SmtpTransport right(config);
  EXPECT_EQ(Round(right).sent, 0) << "not before its time";
  now_ += 61;
  EXPECT_EQ(Round(right).sent, 3);
  EXPECT_EQ(sink.WaitFor(3).size(), 3u);
}

TEST_F(MailSendingTest, StartTlsRequiredIsNotGivenUpForAServerWithoutIt) {
  testing::SmtpSink plain;  // offers no STARTTLS
  mail::SmtpTransport transport(Config(plain));
  MailRound round = Round(transport);
  EXPECT_EQ(round.sent, 0);
  EXPECT_EQ(round.failed, 3);
  EXPECT_TRUE(plain.Messages().empty());
  // Said plainly that plain SMTP is wanted (a relay on the same machine): then it goes.
  mail::SmtpConfig config = Config(plain);
  config.starttls = mail::StartTls::kOff;
  mail::SmtpTransport relay(config);
  now_ += 61;
  EXPECT_EQ(Round(relay).sent, 3);
  EXPECT_FALSE(plain.WaitFor(3)[0]["tls"].get<bool>());
}

TEST_F(MailSendingTest, ATemporaryRefusalIsTriedAgainAndDeliveredOnce) {
  auto options = Tls();
  options.refuse = 1;
  testing::SmtpSink sink(options);
  mail::SmtpTransport transport(Config(sink));
  MailRound round = Round(transport);
  EXPECT_EQ(round.sent, 2);
  EXPECT_EQ(round.failed, 1);
  EXPECT_NE(round.errors.at(0).find("451"), std::string::npos) << round.errors.at(0);
  now_ += 61;
  round = Round(transport);
  EXPECT_EQ(round.sent, 1);
  auto messages = sink.WaitFor(3);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[2]["rcpt_tos"][0], "kontakt@microtec.example");
}

TEST(SmtpConfigTest, APasswordIsNeverSentWithoutTls) {
  mail::SmtpConfig c;
  c.url = "smtp://mail.example.org:587";
  c.username = "siegel";
  c.starttls = mail::StartTls::kIfOffered;
  EXPECT_NE(mail::CheckSmtpConfig(c).message().find("only over TLS"), std::string::npos);
  c.starttls = mail::StartTls::kRequired;
  EXPECT_TRUE(mail::CheckSmtpConfig(c).ok());
  c.url = "smtps://mail.example.org:465";
  c.starttls = mail::StartTls::kOff;
  EXPECT_TRUE(mail::CheckSmtpConfig(c).ok());
  c.url = "http://mail.example.org";
  EXPECT_EQ(mail::CheckSmtpConfig(c).error().code, ErrorCode::kInvalidInput);
  EXPECT_FALSE(mail::ParseStartTls("yes").ok());
}

}  // namespace
}  // namespace siegel
