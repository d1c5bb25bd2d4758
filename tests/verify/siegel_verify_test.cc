// The real `siegel-verify` binary on fixtures made by a registry, offline: every verdict,
// its exit code and its message, and no crash on anything.
#include "pdf/attached_credential.h"
#include "pdf/embedded_files.h"
#include "tests/verify/verify_fixtures.h"

namespace siegel {
namespace {

class SiegelVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture_ = std::make_unique<Fixture>(dir_.path(), "https://labels.example.org");
    id_ = fixture_->IssueInto("label");
    fixture_->Publish();
  }
  testing::ProcessResult Verify(std::vector<std::string> args, bool with_lists = true) {
    args.insert(args.begin(), SIEGEL_VERIFY_BINARY);
    args.push_back("--trust");
    args.push_back(fixture_->Path("did.json"));
    if (with_lists) {
      for (const char* list : {"revocation.json", "suspension.json"}) {
        args.push_back("--status-list");
        args.push_back(fixture_->Path(list));
      }
    }
    return RunProcess(args);
  }

  testing::TempDir dir_;
  std::unique_ptr<Fixture> fixture_;
  std::string id_;
};

TEST_F(SiegelVerifyTest, ValidCredentialInBothForms) {
  auto json = Verify({fixture_->Path("label.json")});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, "VALID" + fixture_->AsOf() + "\n");
  auto jwt = Verify({fixture_->Path("label.jwt")});
  EXPECT_EQ(jwt.exit_code, 0) << jwt.err;
  EXPECT_EQ(jwt.out, "VALID" + fixture_->AsOf() + "\n");
  auto with_jwks =
      RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.jwt"), "--trust",
                  fixture_->Path("jwks.json"), "--status-list", fixture_->Path("revocation.json"),
                  "--status-list", fixture_->Path("suspension.json")});
  EXPECT_EQ(with_jwks.out, "VALID" + fixture_->AsOf() + "\n");
}

TEST_F(SiegelVerifyTest, WithoutStatusListsTheStatusIsUncheckedExitThree) {
  auto result = Verify({fixture_->Path("label.json")}, /*with_lists=*/false);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out,
            "UNCHECKED: revocation status could not be checked: no status list was available\n");
}

TEST_F(SiegelVerifyTest, RevokedAndSuspended) {
  ASSERT_TRUE(fixture_->registry().lifecycle().Suspend(id_, "under review", {"test"}).ok());
  fixture_->Publish();
  auto suspended = Verify({fixture_->Path("label.json")});
  EXPECT_EQ(suspended.exit_code, 1);
  EXPECT_EQ(suspended.out, "SUSPENDED" + fixture_->AsOf() + "\n");
  ASSERT_TRUE(fixture_->registry().lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
  fixture_->Publish();
  auto revoked = Verify({fixture_->Path("label.jwt")});
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_EQ(revoked.out, "REVOKED" + fixture_->AsOf() + "\n");
}

TEST_F(SiegelVerifyTest, EveryTamperedByteIsInvalidNeverACrash) {
  std::string original = testing::ReadFile(fixture_->Path("label.json"));
  int checked = 0;
  for (size_t i = 0; i < original.size(); i += 13) {
    std::string tampered = original;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x02);
    WriteFile(fixture_->Path("tampered.json"), tampered);
    auto result = Verify({fixture_->Path("tampered.json")});
    // Whitespace between tokens is not signed; every other byte is.
    if (original[i] == ' ' || original[i] == '\n') continue;
    if (i == 0) {  // "y" for "{": no longer JSON, so no credential was found to call forged
      ASSERT_EQ(result.exit_code, 2) << result.out << result.err;
      ASSERT_NE(result.err.find("is not a certificate file"), std::string::npos) << result.err;
      continue;
    }
    ASSERT_EQ(result.exit_code, 4)
        << "byte " << i << " in \"" << original.substr(i < 40 ? 0 : i - 40, 80)
        << "\": " << result.out << result.err;
    ASSERT_EQ(result.out.rfind("INVALID: ", 0), 0u) << "byte " << i << ": " << result.out;
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

TEST_F(SiegelVerifyTest, CredentialFromAnotherIssuer) {
  testing::TempDir other_dir;
  Fixture other(other_dir.path(), "https://other-registry.example.net");
  other.IssueInto("foreign");
  auto result = Verify({other.Path("foreign.json")});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(result.out,
            "INVALID: the credential was issued by did:web:other-registry.example.net, not by the "
            "trusted issuer "
            "did:web:labels.example.org\n");
}

TEST_F(SiegelVerifyTest, UnknownContext) {
  Json credential = Json::parse(testing::ReadFile(fixture_->Path("label.json")));
  credential["@context"].push_back("https://evil.example/context.jsonld");
  WriteFile(fixture_->Path("context.json"), credential.dump());
  auto result = Verify({fixture_->Path("context.json")});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(result.out.rfind("INVALID: @context is not one of the accepted context lists", 0), 0u)
      << result.out;
}

TEST_F(SiegelVerifyTest, WrongKey) {
  Json did = Json::parse(testing::ReadFile(fixture_->Path("did.json")));
  did["verificationMethod"][0]["publicKeyMultibase"] =
      Ed25519PrivateKey::Generate()->public_key().Multikey();
  WriteFile(fixture_->Path("wrong-did.json"), did.dump());
  auto result = RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.json"), "--trust",
                            fixture_->Path("wrong-did.json")});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(result.out,
            "INVALID: proof 1 (eddsa-jcs-2022): the signature does not match the document\n");
}

TEST_F(SiegelVerifyTest, AtADateOutsideTheValidity) {
  auto before = Verify({fixture_->Path("label.json"), "--at", "2000-01-01"});
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_EQ(before.out, "NOT YET VALID\n");
  auto after = Verify({fixture_->Path("label.json"), "--at", "2100-01-01T00:00:00Z"});
  EXPECT_EQ(after.out, "EXPIRED\n");
}

// A status list answers only from its own date, and an offline copy only for its ttl (60 s)
// and a day's grace: past that, the verdict is UNCHECKED, never VALID.
TEST_F(SiegelVerifyTest, AListSpeaksOnlyFromItsDateAndNotLongAfter) {
  UnixSeconds dated = *ParseDateTimeStamp(fixture_->AsOf().substr(15));
  auto before = Verify({fixture_->Path("label.json"), "--at", FormatDateTimeStamp(dated - 1)});
  if (dated - 1 >=
      *ParseDateTimeStamp(Json::parse(testing::ReadFile(fixture_->Path("label.json")))["validFrom"]
                              .get<std::string>())) {
    EXPECT_EQ(before.exit_code, 3) << before.out;
    EXPECT_EQ(before.out,
              "UNCHECKED: revocation status could not be checked: status list "
              "https://labels.example.org/status/ce-bw/revocation is from " +
                  FormatDateTimeStamp(dated) + " and cannot tell the status at " +
                  FormatDateTimeStamp(dated - 1) +
                  ": ask the registry's history (its API answers ?at=)\n");
  }
  auto last =
      Verify({fixture_->Path("label.json"), "--at", FormatDateTimeStamp(dated + 60 + 86400)});
  EXPECT_EQ(last.exit_code, 0) << last.out;
  auto stale =
      Verify({fixture_->Path("label.json"), "--at", FormatDateTimeStamp(dated + 60 + 86401)});
  EXPECT_EQ(stale.exit_code, 3);
  EXPECT_EQ(stale.out,
            "UNCHECKED: revocation status could not be checked: status list "
            "https://labels.example.org/status/ce-bw/revocation is from " +
                FormatDateTimeStamp(dated) +
                ", older than its ttl (60 s) and a day's grace allow: fetch a current "
                "one (siegel-verify --online)\n");
}

TEST_F(SiegelVerifyTest, SeveralFilesAndAJsonReport) {
  auto lines = Verify({fixture_->Path("label.json"), fixture_->Path("label.jwt")});
  EXPECT_EQ(lines.exit_code, 0);
  EXPECT_EQ(lines.out, fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n" +
                           fixture_->Path("label.jwt") + ": VALID" + fixture_->AsOf() + "\n");
  auto json = Verify({fixture_->Path("label.json"), "--json"});
  Json report = Json::parse(json.out);
  ASSERT_EQ(report["results"].size(), 1u);
  EXPECT_EQ(report["results"][0]["status"], "valid");
  EXPECT_EQ(report["results"][0]["verified"], true);
  EXPECT_EQ(report["results"][0]["valid"], true);
  EXPECT_EQ("; status as of " + report["results"][0]["statusAsOf"].get<std::string>(),
            fixture_->AsOf());
  EXPECT_EQ(report["results"][0]["id"], "https://labels.example.org/certificates/" + id_);
}

TEST_F(SiegelVerifyTest, ParallelJobsKeepTheOrderAndTheVerdicts) {
  std::string original = testing::ReadFile(fixture_->Path("label.json"));
  std::vector<std::string> args;
  for (int i = 0; i < 200; ++i) {
    std::string name = "many-" + std::to_string(i) + ".json";
    std::string text = original;
    if (i % 7 == 3) text.replace(text.find("Zukunft"), 7, "Zukunfx");  // every 7th is forged
    WriteFile(fixture_->Path(name), text);
    args.push_back(fixture_->Path(name));
  }
  args.push_back("--jobs");
  args.push_back("1");
  auto sequential = Verify(args);
  args.back() = "4";
  auto parallel = Verify(args);
  EXPECT_EQ(sequential.exit_code, 4);  // forged: not authentic
  EXPECT_EQ(parallel.exit_code, 4);
  EXPECT_EQ(parallel.out, sequential.out);
  std::istringstream lines(parallel.out);
  std::string line;
  for (int i = 0; std::getline(lines, line); ++i) {
    EXPECT_EQ(line.rfind(fixture_->Path("many-" + std::to_string(i) + ".json"), 0), 0u) << line;
    EXPECT_EQ(line.find("INVALID") != std::string::npos, i % 7 == 3) << line;
  }
}

// Each exit code, as --help tells it: a script tells "not authentic" from "authentic but not
// valid" by it.
TEST_F(SiegelVerifyTest, HelpNamesEveryExitCode) {
  auto help = RunProcess({SIEGEL_VERIFY_BINARY, "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* phrase :
       {"0 all valid", "1 authentic but not valid (revoked, suspended, expired, not yet valid)",
        "2 usage or input error", "3 authentic but the status could not be checked",
        "4 not authentic (forged"}) {
    EXPECT_NE(help.out.find(phrase), std::string::npos) << phrase << "\n" << help.out;
  }
}

TEST_F(SiegelVerifyTest, InputErrorsExitTwo) {
  auto missing = Verify({fixture_->Path("nothing.json")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "siegel-verify: cannot read " + fixture_->Path("nothing.json") + "\n");
  auto no_trust = RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.json")});
  EXPECT_EQ(no_trust.exit_code, 2);
  EXPECT_NE(no_trust.err.find("--trust is required"), std::string::npos);
  auto bad_trust = RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.json"), "--trust",
                               fixture_->Path("label.json")});
  EXPECT_EQ(bad_trust.exit_code, 2);
  Json list = Json::parse(testing::ReadFile(fixture_->Path("revocation.json")));
  list["credentialSubject"]["encodedList"] =
      "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";
  WriteFile(fixture_->Path("forged-list.json"), list.dump());
  auto forged =
      RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.json"), "--trust",
                  fixture_->Path("did.json"), "--status-list", fixture_->Path("forged-list.json")});
  EXPECT_EQ(forged.exit_code, 2);
  EXPECT_NE(forged.err.find("the signature does not match the document"), std::string::npos)
      << forged.err;
  auto bad_at = Verify({fixture_->Path("label.json"), "--at", "soon"});
  EXPECT_EQ(bad_at.exit_code, 2);
}

// Files after the first are read by the worker that verifies them: an unreadable one among
// good ones still gets its message (exit 2) and the others their verdicts, in order.
TEST_F(SiegelVerifyTest, UnreadableFilesAmongGoodOnesAreNamedAndTheRestVerified) {
  std::filesystem::create_directory(fixture_->Path("a-directory"));
  WriteFile(fixture_->Path("huge.json"), std::string((1 << 20) + 1, ' '));
  auto result = Verify({fixture_->Path("label.json"), fixture_->Path("nothing.json"),
                        fixture_->Path("a-directory"), fixture_->Path("huge.json"),
                        fixture_->Path("label.json")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "siegel-verify: cannot read " + fixture_->Path("nothing.json") +
                            "\nsiegel-verify: cannot read " + fixture_->Path("a-directory") +
                            "\nsiegel-verify: " + fixture_->Path("huge.json") +
                            " is larger than 1 MiB; it is not a credential\n");
  EXPECT_EQ(result.out, fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n" +
                            fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n");
}

// A pipe has no size: it is read to its end (`siegel-verify <(curl ...)`).
TEST_F(SiegelVerifyTest, ReadsACredentialFromAPipe) {
  std::string fifo = fixture_->Path("pipe.json");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string text = testing::ReadFile(fixture_->Path("label.json"));
  // The writer waits for siegel-verify to open the pipe, but not forever: a non-blocking
  // open fails (ENXIO) until a reader is there.
  std::thread writer([&] {
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 3000; ++tries) {
      fd = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (fd < 0) return;
    fcntl(fd, F_SETFL, 0);  // blocking writes from here on
    for (size_t done = 0; done < text.size();) {
      ssize_t n = write(fd, text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    close(fd);
  });
  auto result = Verify({fixture_->Path("label.json"), fifo});
  writer.join();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n" + fifo +
                            ": VALID" + fixture_->AsOf() + "\n");
}

// What looks like a credential (JSON, a compact JWS) and fails is not genuine.
TEST_F(SiegelVerifyTest, GarbageCredentialsAreInvalid) {
  for (const std::string& garbage :
       {std::string("{"), std::string("a.b.c"), std::string(5000, '['), std::string("[1,2,3]")}) {
    WriteFile(fixture_->Path("garbage"), garbage);
    auto result = Verify({fixture_->Path("garbage")});
    EXPECT_EQ(result.exit_code, 4) << garbage.substr(0, 20);
    EXPECT_EQ(result.out.rfind("INVALID: ", 0), 0u) << result.out;
  }
}

// The printed certificate (siegel show --format pdf) carries its credential: siegel-verify
// checks that, with the same verdicts as the credential file; a PDF whose attachment was
// swapped for a forgery is INVALID, one with two credentials is an input error.
TEST_F(SiegelVerifyTest, APrintedCertificateIsCheckedByTheCredentialItCarries) {
  std::string pdf = fixture_->Path("urkunde.pdf");
  auto shown = RunProcess({SIEGEL_BINARY, "show", id_, "--format", "pdf", "--output", pdf, "--data",
                           fixture_->Path("data")});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto valid = Verify({pdf});
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_EQ(valid.out, "VALID" + fixture_->AsOf() + "\n");

  std::string credential = *pdf::AttachedCredential(testing::ReadFile(pdf));
  std::string forged = credential;
  size_t until = forged.find("\"20", forged.find("\"validUntil\""));  // a later end
  ASSERT_NE(until, std::string::npos);
  forged.replace(until, 3, "\"21");
  WriteFile(fixture_->Path("forged.pdf"),
            *pdf::AttachFile(testing::ReadFile(pdf),
                             {id_ + ".credential.json", "application/json", "", forged, ""}));
  auto invalid = Verify({fixture_->Path("forged.pdf")});
  EXPECT_EQ(invalid.exit_code, 4) << invalid.out << invalid.err;
  EXPECT_EQ(invalid.out.rfind("INVALID: ", 0), 0u) << invalid.out;

  WriteFile(fixture_->Path("two.pdf"),
            *pdf::AttachFile(testing::ReadFile(pdf), {"CEBW-2026-0099.credential.json",
                                                      "application/json", "", credential, ""}));
  auto two = Verify({fixture_->Path("two.pdf")});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_EQ(two.err, "siegel-verify: " + fixture_->Path("two.pdf") +
                         ": the PDF carries several credential files; check each on its own\n");

  ASSERT_TRUE(fixture_->registry().lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
  fixture_->Publish();
  auto revoked = Verify({pdf});
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_EQ(revoked.out, "REVOKED" + fixture_->AsOf() + "\n");
}

// A photo, a PDF, an empty file or other bytes are no certificate file: an input error
// (exit 2) that says what the file is and what works instead, never INVALID.
TEST_F(SiegelVerifyTest, FilesThatAreNoCertificateFileAreNamedNotCalledInvalid) {
  const struct {
    std::string name, bytes, what;
  } cases[] = {
      {"photo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
       "it is an image (a photo or a scan?)"},
      {"scan.jpg", std::string("\xff\xd8\xff\xe0\0\x10JFIF", 10),
       "it is an image (a photo or a scan?)"},
      {"urkunde.pdf", "%PDF-1.7\n1 0 obj", "it is a PDF without a certificate file in it"},
      {"empty.json", "", "it is empty"},
      {"binary", std::string("\x00\x01\x02", 3), "it is neither JSON nor a compact JWS"},
  };
  for (const auto& c : cases) {
    WriteFile(fixture_->Path(c.name), c.bytes);
    auto result = Verify({fixture_->Path(c.name)});
    EXPECT_EQ(result.exit_code, 2) << c.name;
    EXPECT_EQ(result.out, "") << c.name;
    EXPECT_EQ(result.err, "siegel-verify: " + fixture_->Path(c.name) +
                              " is not a certificate file: " + c.what +
                              "; check the certificate by the QR code on it, or by its number "
                              "on the registry's verification page\n")
        << c.name;
  }
  // Among good files (read by the workers), it is named and the others are verified.
  auto mixed = Verify(
      {fixture_->Path("label.json"), fixture_->Path("photo.png"), fixture_->Path("label.json")});
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("photo.png is not a certificate file"), std::string::npos) << mixed.err;
  EXPECT_EQ(mixed.out, fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n" +
                           fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n");
}

}  // namespace
}  // namespace siegel
