// Files inside a PDF: attached and read back byte for byte, replaced by name, bounded, and a
// damaged or foreign file is an error that says so. The PDFs are written here by hand, so the
// reader is tested on what it did not write itself.
#include "pdf/embedded_files.h"

#include <gtest/gtest.h>

#include "pdf/attached_credential.h"

namespace siegel::pdf {
namespace {

// A one-page PDF with a correct cross-reference table, as any producer writes it.
std::string MinimalPdf() {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
  };
  std::string pdf = "%PDF-1.7\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[32];
    snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

EmbeddedFile Credential(const std::string& content) {
  return {"CEBW-2026-0001.credential.json", "application/json", "the signed credential", content,
          PdfDate("2026-03-15T12:30:45Z")};
}

TEST(EmbeddedFilesTest, AnAttachedFileIsReadBackByteForByte) {
  std::string content = "{\"name\":\"Grüne Zukunft\",\"binary\":\"\x01\x02\xff\"}";
  auto pdf = AttachFile(MinimalPdf(), Credential(content));
  ASSERT_TRUE(pdf.ok()) << pdf.message();
  auto files = ReadEmbeddedFiles(*pdf);
  ASSERT_TRUE(files.ok()) << files.message();
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].name, "CEBW-2026-0001.credential.json");
  EXPECT_EQ((*files)[0].media_type, "application/json");
  EXPECT_EQ((*files)[0].description, "the signed credential");
  EXPECT_EQ((*files)[0].content, content);
  EXPECT_EQ((*files)[0].modified, "D:20260315123045Z");
  // PDF/A-3's associated file: named in the catalog's /AF with its relationship.
  EXPECT_NE(pdf->find("/AFRelationship /Source"), std::string::npos);
  EXPECT_NE(pdf->find("/AF ["), std::string::npos);
  auto again = AttachFile(MinimalPdf(), Credential(content));
  EXPECT_EQ(*again, *pdf) << "the same input gives the same bytes";
}

TEST(EmbeddedFilesTest, AttachingUnderTheSameNameReplacesAndOtherNamesAddUp) {
  auto first = AttachFile(MinimalPdf(), Credential("{\"v\":1}"));
  ASSERT_TRUE(first.ok());
  auto replaced = AttachFile(*first, Credential("{\"v\":2}"));
  ASSERT_TRUE(replaced.ok());
  auto files = ReadEmbeddedFiles(*replaced);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].content, "{\"v\":2}");
  EXPECT_EQ(*AttachedCredential(*replaced), "{\"v\":2}");

  auto two = AttachFile(*replaced, {"notes.txt", "text/plain", "", "hello", ""});
  ASSERT_TRUE(two.ok());
  auto both = ReadEmbeddedFiles(*two);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[1].name, "notes.txt");
  EXPECT_EQ(*AttachedCredential(*two), "{\"v\":2}") << "the credential among other files";
}

TEST(EmbeddedFilesTest, APdfWithoutACredentialSaysSo) {
  auto none = AttachedCredential(MinimalPdf());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(none.error().message, "the PDF carries no attached files, so no credential");
  auto other =
      AttachedCredential(*AttachFile(MinimalPdf(), {"logo.png", "image/png", "", "x", ""}));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().message, "none of the PDF's attached files is a credential");
  // Two credentials: which one the holder meant is not ours to guess.
  std::string two =
      *AttachFile(*AttachFile(MinimalPdf(), Credential("{}")),
                  {"CEBW-2026-0002.credential.json", "application/json", "", "{}", ""});
  auto ambiguous = AttachedCredential(two);
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.error().code, ErrorCode::kRefused);
  // Without the registry's name, the one JSON file is the credential.
  auto unnamed = AttachedCredential(
      *AttachFile(MinimalPdf(), {"urkunde.json", "application/json", "", "{\"a\":1}", ""}));
  ASSERT_TRUE(unnamed.ok()) << unnamed.message();
  EXPECT_EQ(*unnamed, "{\"a\":1}");
}

TEST(EmbeddedFilesTest, AttachmentsLargerThanTheLimitAreRefusedNotRead) {
  std::string big(300000, 'a');  // compresses to almost nothing
  auto pdf = AttachFile(MinimalPdf(), Credential(big));
  ASSERT_TRUE(pdf.ok());
  EXPECT_LT(pdf->size(), 20000u) << "a small file that expands";
  auto refused = ReadEmbeddedFiles(*pdf, 100000);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(refused.error().message.find("larger than"), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(ReadEmbeddedFiles(*pdf, 400000).ok());
}

TEST(EmbeddedFilesTest, WhatIsNoPdfIsAnErrorThatSaysSo) {
  for (const std::string& bytes : {std::string("{\"not\":\"a pdf\"}"), std::string(),
                                   std::string("%PDF-1.7\n1 0 obj"), MinimalPdf().substr(0, 60)}) {
    auto files = ReadEmbeddedFiles(bytes);
    if (files.ok()) {
      EXPECT_TRUE(files->empty()) << "a damaged PDF may be recovered, but never invents files";
      continue;
    }
    EXPECT_EQ(files.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(files.error().message.rfind("the file is not a readable PDF", 0), 0u)
        << files.error().message;
  }
  EXPECT_FALSE(AttachFile("not a pdf", Credential("{}")).ok());
}

}  // namespace
}  // namespace siegel::pdf
