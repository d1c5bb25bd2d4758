// What a person may hand a verifier, told apart before anything is checked: only JSON and
// compact JWS are checked as credentials; a photo, a PDF or nothing is named as such.
#include "credential/upload_kind.h"

#include <gtest/gtest.h>

#include <string>

namespace siegel {
namespace {

TEST(UploadKindTest, TellsCredentialsFromPhotosPdfsAndNothing) {
  using std::string_literals::operator""s;
  const struct {
    std::string bytes;
    UploadKind kind;
  } cases[] = {
      {"", UploadKind::kEmpty},
      {" \r\n\t ", UploadKind::kEmpty},
      {"{\"id\":\"x\"}", UploadKind::kJson},
      {"\n  {", UploadKind::kJson},
      {"[{}]", UploadKind::kJson},
      {"\xef\xbb\xbf{\"a\":1}", UploadKind::kJson},
      {"eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl", UploadKind::kJws},
      {"eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl\n", UploadKind::kJws},
      {"%PDF-1.7\n%\xe2\xe3\xcf\xd3", UploadKind::kPdf},
      {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s, UploadKind::kImage},
      {"\xff\xd8\xff\xe0\0\x10JFIF"s, UploadKind::kImage},
      {"GIF89a", UploadKind::kImage},
      {"RIFF\x24\0\0\0WEBPVP8 "s, UploadKind::kImage},
      {"\0\0\0\x18"
       "ftypheic"s,
       UploadKind::kImage},
      {"II*\0\x08\0\0\0"s, UploadKind::kImage},
      // Short or near misses are not taken for what they resemble (and do not crash).
      {"RIFF", UploadKind::kOther},
      {"\0\0\0\x18"
       "ftypmp42"s,
       UploadKind::kOther},
      {"%PDF", UploadKind::kOther},
      {"CEBW-2026-0001", UploadKind::kOther},
      {"hello.world", UploadKind::kOther},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifyUpload(c.bytes), c.kind) << "\"" << c.bytes << "\"";
  }
  EXPECT_TRUE(IsCredentialUpload(UploadKind::kJson));
  EXPECT_TRUE(IsCredentialUpload(UploadKind::kJws));
  for (UploadKind other :
       {UploadKind::kEmpty, UploadKind::kPdf, UploadKind::kImage, UploadKind::kOther}) {
    EXPECT_FALSE(IsCredentialUpload(other));
  }
}

}  // namespace
}  // namespace siegel
