// `siegel mail` and `siegel serve --smtp-url`: what a dry run shows and leaves alone, what the
// options refuse, and a running server announcing a revocation made at the command line
// through a real SMTP server.
#include <gtest/gtest.h>

#include <regex>

#include "tests/process_support.h"
#include "tests/smtp_sink.h"

namespace siegel {
namespace {

using testing::RunProcess;

class MailCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_.path() / "data").string();
    ASSERT_EQ(Siegel({"init", "--base-url", "https://labels.example.org", "--without-four-eyes"})
                  .exit_code,
              0);
    ASSERT_EQ(Siegel({"initiative", "add", "--slug", "microtec-suedwest", "--name",
                      "microTEC Südwest", "--contact-email", "kontakt@microtec.example"})
                  .exit_code,
              0);
    auto user = Siegel({"user", "add", "--username", "ben", "--name", "Ben Example", "--role",
                        "issuer", "--language", "en", "--email", "ben@ministerium.example"},
                       {}, "correct horse 42\n");
    ASSERT_EQ(user.exit_code, 0) << user.err;
    auto issued = Siegel({"issue", "--initiative", "microtec-suedwest", "--without-four-eyes"});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    id_ = issued.out.substr(0, issued.out.size() - 1);
  }
  testing::ProcessResult Siegel(std::vector<std::string> args, std::vector<std::string> env = {},
                                const std::string& input = "") {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data_);
    return RunProcess(args, env, input);
  }

  testing::TempDir dir_;
  std::string data_;
  std::string id_;
};

TEST_F(MailCliTest, ADryRunShowsEveryMessageAndQueuesOrSendsNothing) {
  auto dry = Siegel({"mail", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(
      dry.out.find("To: kontakt@microtec.example (initiative contact, de)\nSubject: Urkunde " +
                   id_ + " (microTEC Südwest): ausgestellt\n"),
      std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("To: ben@ministerium.example (staff, en)\nSubject: Certificate " + id_ +
                         " (microTEC Südwest): issued\n"),
            std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("https://labels.example.org/verify/" + id_ + "?lang=de"),
            std::string::npos);
  EXPECT_NE(dry.out.find("siegel: dry run: 2 e-mail(s) would go out now (0 already queued, 2 "
                         "new); nothing was queued or sent\n"),
            std::string::npos)
      << dry.out;
  EXPECT_EQ(Siegel({"mail", "--list"}).out, "");
  EXPECT_EQ(Siegel({"mail", "--dry-run"}).out, dry.out);
}

TEST_F(MailCliTest, SendingNeedsAMailServerAndNeverSendsAPasswordInTheClear) {
  auto none = Siegel({"mail"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err,
            "siegel: say which mail server sends the e-mails with --smtp-url (or "
            "$SIEGEL_SMTP_URL), or use --dry-run to see them\n");
  auto clear = Siegel({"mail", "--smtp-url", "smtp://127.0.0.1:25", "--smtp-user", "siegel",
                       "--smtp-starttls", "off", "--mail-from", "siegel@ministerium.example"},
                      {"SIEGEL_SMTP_PASSWORD=geheim"});
  EXPECT_EQ(clear.exit_code, 2);
  EXPECT_EQ(clear.err,
            "siegel: a password is sent only over TLS: use --smtp-starttls required or an "
            "smtps:// URL\n");
  auto sender = Siegel({"mail", "--smtp-url", "smtp://127.0.0.1:25", "--mail-from", "siegel"});
  EXPECT_EQ(sender.exit_code, 2);
  EXPECT_EQ(sender.err,
            "siegel: --mail-from must be the sender's e-mail address, e.g. "
            "siegel@ministerium.example\n");
  EXPECT_EQ(Siegel({"mail", "--list"}).out, "") << "nothing was queued by the refusals";
}

TEST_F(MailCliTest, ARunningServerAnnouncesARevocationMadeAtTheCommandLine) {
  testing::SmtpSink sink;
  testing::ChildProcess server({SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log",
                                "off", "--smtp-url", sink.url(), "--smtp-starttls", "off",
                                "--mail-from", "siegel@ministerium.example", "--mail-interval", "1",
                                "--data", data_});
  ASSERT_NE(server.ReadLine().find("serving"), std::string::npos);
  ASSERT_EQ(sink.WaitFor(2).size(), 2u) << "the issuance notices";
  ASSERT_EQ(Siegel({"revoke", id_, "--reason", "issued in error: wrong name"}).exit_code, 0);
  auto messages = sink.WaitFor(4);
  ASSERT_EQ(messages.size(), 4u);
  std::string german = messages[2]["data"];
  EXPECT_EQ(messages[2]["rcpt_tos"][0], "kontakt@microtec.example");
  EXPECT_NE(german.find("hat sich ge\xC3\xA4ndert: widerrufen am"), std::string::npos) << german;
  EXPECT_NE(german.find("Grund: irrtümlich ausgestellt: wrong name"), std::string::npos);
  EXPECT_NE(german.find("https://labels.example.org/verify/" + id_ + "?lang=de"),
            std::string::npos);
  EXPECT_EQ(messages[3]["rcpt_tos"][0], "ben@ministerium.example");
  std::string english = messages[3]["data"];
  EXPECT_NE(english.find("has changed: revoked on"), std::string::npos) << english;
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(sink.Messages().size(), 4u) << "nothing twice";
  EXPECT_EQ(server.Terminate(), 0);
  auto list = Siegel({"mail", "--list"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 4) << list.out;
  EXPECT_TRUE(std::regex_search(list.out, std::regex("^4  sent 20\\d\\d-.*ben@ministerium")))
      << list.out;
}

}  // namespace
}  // namespace siegel
