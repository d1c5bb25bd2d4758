// The printed certificate (the Urkunde) as a PDF: what it says, read back with poppler's
// pdftotext as any reader would; the credential it carries, taken out with pdfdetach and
// checked by the registry's verification page; what it says after a revocation; and the
// issuer's design on it.
#include <sstream>

#include "pdf/attached_credential.h"
#include "pdf/embedded_files.h"
#include "tests/process_support.h"
#include "tests/server/server_fixture.h"

namespace siegel {
namespace {

using testing::RunProcess;

class CertificatePdfTest : public testing::ServerFixture {
 protected:
  void Configure(http::ServerConfig& config) override {
    config.clock_for_testing = [this] { return now_.load(); };
  }
  void SetUp() override {
    ServerFixture::SetUp();
    writer_->SetClockForTesting([this] { return now_.load(); });
    AddInitiative("photonik-suedwest", "Photonik Südwest", "Regierungsbezirk Karlsruhe",
                  "Photonics");
    IssueRequest request;
    request.initiative_slug = "photonik-suedwest";
    request.valid_from = *ParseDateTimeStamp("2025-01-01T00:00:00Z");
    request.assessor = "VDI/VDE-IT";
    request.assessed_on = "2024-11-20";
    auto issued = writer_->lifecycle().Issue(request, {"test"});
    ASSERT_TRUE(issued.ok()) << issued.message();
    cert_ = issued->id;
  }
  std::string Pdf(const std::string& path, int expected_status = 200) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body.substr(0, 300);
    return res->body;
  }
  // The page's text as poppler reads it, each run of white space one space.
  std::string Text(const std::string& pdf) {
    testing::WriteFile(dir_.path() / "read.pdf", pdf);
    auto text = RunProcess({"/usr/bin/pdftotext", (dir_.path() / "read.pdf").string(), "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    std::string flat;
    for (char c : text.out) {
      bool space = c == '\n' || c == ' ' || c == '\f';
      if (!space)
        flat += c;
      else if (!flat.empty() && flat.back() != ' ')
        flat += ' ';
    }
    return flat;
  }
  size_t ImageCount(const std::string& pdf) {
    testing::WriteFile(dir_.path() / "images.pdf", pdf);
    auto list = RunProcess({"/usr/bin/pdfimages", "-list", (dir_.path() / "images.pdf").string()});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    // One row per image; an image's transparency is a row of type "smask" of its own.
    std::istringstream rows(list.out);
    std::string row;
    size_t images = 0;
    while (std::getline(rows, row)) {
      std::istringstream fields(row);
      std::string page, number, type;
      fields >> page >> number >> type;
      if (type == "image") ++images;
    }
    return images;
  }
  httplib::Result Upload(const std::string& bytes, const std::string& lang) {
    httplib::MultipartFormDataItems items{{"file", bytes, "urkunde.pdf", "application/pdf"}};
    return client_->Post(("/verify?lang=" + lang).c_str(), items);
  }
  static bool Has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }

  std::atomic<UnixSeconds> now_{*ParseDateTimeStamp("2026-06-01T12:00:00Z")};
  std::string cert_;
};

TEST_F(CertificatePdfTest, SaysWhoHoldsWhichLabelUntilWhenInBothLanguages) {
  auto res = client_->Get(("/certificates/" + cert_ + ".pdf?lang=de").c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(res->get_header_value("Content-Disposition"),
            "inline; filename=\"" + cert_ + "-de.pdf\"");
  EXPECT_EQ(res->body.rfind("%PDF-", 0), 0u);
  std::string de = Text(res->body);
  for (const std::string& part :
       {std::string("Urkunde"), std::string("Das Qualitätssiegel"),
        std::string("Cluster-Exzellenz Baden-Württemberg"), std::string("wird verliehen an"),
        std::string("Photonik Südwest"),
        std::string("gültig vom 1. Januar 2025 bis zum 1. Januar 2027"),
        std::string("Was das Siegel bestätigt"), std::string("31 Kriterien"),
        std::string("Begutachtet von VDI/VDE-IT am 20. November 2024."),
        std::string("1. Juni 2026"), std::string("Urkunden-Nr. " + cert_),
        std::string("http://127.0.0.1:8080/verify/" + cert_),
        std::string("als Anhang " + cert_ + ".credential.json")}) {
    EXPECT_TRUE(Has(de, part)) << "missing \"" << part << "\" in: " << de;
  }
  EXPECT_FALSE(Has(de, "WIDERRUFEN"));
  EXPECT_FALSE(Has(de, "AUSGESETZT"));

  std::string en = Text(Pdf("/certificates/" + cert_ + ".pdf?lang=en"));
  for (const std::string& part :
       {std::string("Certificate"), std::string("The quality label"),
        std::string("Cluster Excellence Baden-Württemberg"), std::string("is awarded to"),
        std::string("valid from 1 January 2025 to 1 January 2027"),
        std::string("Assessed by VDI/VDE-IT on 20 November 2024."),
        std::string("Certificate no. " + cert_)}) {
    EXPECT_TRUE(Has(en, part)) << "missing \"" << part << "\" in: " << en;
  }
  EXPECT_EQ(Pdf("/certificates/CEBW-2099-9999.pdf", 404).find("%PDF"), std::string::npos);
}

TEST_F(CertificatePdfTest, CarriesTheIssuedCredentialAsAnAttachmentThatVerifies) {
  std::string pdf = Pdf("/certificates/" + cert_ + ".pdf");
  std::string issued = client_->Get(("/api/v1/certificates/" + cert_).c_str())->body;
  // Taken out with poppler, as a person would.
  testing::WriteFile(dir_.path() / "u.pdf", pdf);
  auto list = RunProcess({"/usr/bin/pdfdetach", "-list", (dir_.path() / "u.pdf").string()});
  EXPECT_EQ(list.out, "1 embedded files\n1: " + cert_ + ".credential.json\n");
  auto saved = RunProcess({"/usr/bin/pdfdetach", "-save", "1", "-o",
                           (dir_.path() / "c.json").string(), (dir_.path() / "u.pdf").string()});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  std::string detached = testing::ReadFile(dir_.path() / "c.json");
  EXPECT_EQ(detached, issued) << "byte for byte the credential the registry issued";
  auto verified = Post("/api/v1/verify", detached, "application/json");
  ASSERT_TRUE(verified);
  Json report = Json::parse(verified->body);
  EXPECT_EQ(report["verified"], true) << verified->body;
  EXPECT_EQ(report["status"], "valid") << verified->body;
}

TEST_F(CertificatePdfTest, ARevokedOrSuspendedCertificatesPdfSaysSoAcrossThePage) {
  std::string path = "/certificates/" + cert_ + ".pdf";
  ASSERT_FALSE(Has(Text(Pdf(path)), "AUSGESETZT"));
  ASSERT_TRUE(writer_->lifecycle().Suspend(cert_, "Prüfung einer Beschwerde", {"test"}).ok());
  std::string suspended = Text(Pdf(path + "?lang=de"));
  EXPECT_TRUE(Has(suspended,
                  "AUSGESETZT – seit 1. Juni 2026 · Grund: Prüfung einer Beschwerde · "
                  "Diese Urkunde ist nicht in Kraft."))
      << suspended;
  ASSERT_TRUE(writer_->lifecycle().Reinstate(cert_, {"test"}).ok());
  EXPECT_FALSE(Has(Text(Pdf(path)), "AUSGESETZT")) << "reinstated: in force again";

  ASSERT_TRUE(writer_->lifecycle().Revoke(cert_, "criteria no longer met", {"test"}).ok());
  std::string de = Text(Pdf(path + "?lang=de"));
  EXPECT_TRUE(Has(de, "WIDERRUFEN – seit 1. Juni 2026 · Grund: criteria no longer met")) << de;
  std::string en = Text(Pdf(path + "?lang=en"));
  EXPECT_TRUE(Has(en,
                  "REVOKED – since 1 June 2026 · Reason: criteria no longer met · This "
                  "certificate is not in force."))
      << en;
  // The fixture's other certificate is untouched.
  EXPECT_FALSE(Has(Text(Pdf("/certificates/" + id_ + ".pdf")), "WIDERRUFEN"));
}

TEST_F(CertificatePdfTest, PrintsTheRegistrysDesignAndAProgrammesOwnOverIt) {
  std::string path = "/certificates/" + cert_ + ".pdf";
  EXPECT_EQ(ImageCount(Pdf(path)), 0u) << "no logo set: none drawn";
  std::string png =
      testing::ReadFile(std::string(SIEGEL_SOURCE_DIR) + "/static/images/demo-wappen.png");
  CertificateDesign design{"Stuttgart", "Dr. Erika Beispiel", "Ministerialdirektorin", png, ""};
  ASSERT_TRUE(writer_->designs().Set("", design, {"test"}).ok());
  std::string pdf = Pdf(path);
  std::string text = Text(pdf);
  EXPECT_TRUE(Has(text, "Stuttgart, 1. Juni 2026")) << text;
  EXPECT_TRUE(Has(text, "Dr. Erika Beispiel Ministerialdirektorin")) << text;
  EXPECT_EQ(ImageCount(pdf), 1u);

  // The programme's own place wins; its empty fields leave the registry's.
  CertificateDesign own{"Karlsruhe", "", "", "", png};
  ASSERT_TRUE(writer_->designs().Set("ce-bw", own, {"test"}).ok());
  std::string programme_pdf = Pdf(path);
  std::string programme_text = Text(programme_pdf);
  EXPECT_TRUE(Has(programme_text, "Karlsruhe, 1. Juni 2026")) << programme_text;
  EXPECT_TRUE(Has(programme_text, "Dr. Erika Beispiel")) << programme_text;
  EXPECT_EQ(ImageCount(programme_pdf), 2u) << "the registry's logo and the programme's seal";

  // A file that is no PNG is refused and the stored design stays as it was.
  CertificateDesign bad = own;
  bad.seal_png = "GIF89a...";
  Status refused = writer_->designs().Set("ce-bw", bad, {"test"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "the seal must be a PNG image (the file does not start like one)");
  EXPECT_EQ(writer_->designs().Stored("ce-bw")->seal_png, png);
  EXPECT_EQ(writer_->designs().Set("no-such", own, {"test"}).error().code, ErrorCode::kNotFound);
}

TEST_F(CertificatePdfTest, TheVerifyPageChecksTheCredentialAnUploadedPdfCarries) {
  std::string pdf = Pdf("/certificates/" + cert_ + ".pdf");
  auto de = Upload(pdf, "de");
  ASSERT_TRUE(de);
  EXPECT_EQ(de->status, 200);
  EXPECT_TRUE(Has(de->body, "<span aria-hidden=\"true\">✔</span> Gültig</p>")) << de->body;
  EXPECT_TRUE(Has(de->body,
                  "Geprüft wurde die signierte Urkunde, die die PDF-Datei als Anhang "
                  "enthält."));
  EXPECT_TRUE(Has(de->body, "Photonik Südwest"));
  auto en = Upload(pdf, "en");
  EXPECT_TRUE(Has(en->body, "<span aria-hidden=\"true\">✔</span> Valid</p>")) << en->body;

  // The attachment swapped for a forged one (another holder's name): not genuine.
  std::string issued = writer_->certificates().GetCertificate(cert_)->credential_json;
  std::string forged = issued;
  const std::string holder = "Photonik Südwest";
  forged.replace(forged.find(holder), holder.size(), "Fake Cluster GmbH");
  auto tampered =
      pdf::AttachFile(pdf, {cert_ + ".credential.json", "application/json", "", forged, ""});
  ASSERT_TRUE(tampered.ok());
  auto fake = Upload(*tampered, "de");
  EXPECT_TRUE(Has(fake->body, "<span aria-hidden=\"true\">✖</span> Nicht echt</p>")) << fake->body;
  EXPECT_FALSE(Has(fake->body, "Fake Cluster GmbH</dd>")) << "a forgery's claims are not repeated";

  // A PDF without a credential: not a certificate file, and never "not genuine".
  auto none = Upload(std::string("%PDF-1.7\n%%EOF\n"), "en");
  EXPECT_EQ(none->status, 422);
  EXPECT_TRUE(Has(none->body, "Not a certificate file")) << none->body;
  EXPECT_TRUE(Has(none->body, "This PDF holds no certificate file that can be checked here."));
}

}  // namespace
}  // namespace siegel
