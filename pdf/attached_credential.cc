#include "pdf/attached_credential.h"

#include "pdf/embedded_files.h"

namespace siegel::pdf {
namespace {

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Result<std::string> AttachedCredential(std::string_view pdf) {
  auto files = ReadEmbeddedFiles(pdf);
  if (!files.ok()) return files.error();
  const EmbeddedFile* named = nullptr;
  const EmbeddedFile* json = nullptr;
  int named_count = 0, json_count = 0;
  for (const EmbeddedFile& file : *files) {
    if (EndsWith(file.name, kCredentialAttachmentSuffix)) {
      named = &file;
      ++named_count;
    }
    if (EndsWith(file.name, ".json") || file.media_type == "application/json" ||
        file.media_type == "application/vc") {
      json = &file;
      ++json_count;
    }
  }
  if (named_count == 1) return named->content;
  if (named_count > 1 || json_count > 1) {
    return Error::Refused("the PDF carries several credential files; check each on its own");
  }
  if (json_count == 1) return json->content;
  return Error::NotFound(files->empty() ? "the PDF carries no attached files, so no credential"
                                        : "none of the PDF's attached files is a credential");
}

}  // namespace siegel::pdf
