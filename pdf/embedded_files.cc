#include "pdf/embedded_files.h"

#include <algorithm>
#include <qpdf/Buffer.hh>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <stdexcept>

namespace siegel::pdf {
namespace {

// Collects a stream's decoded bytes, refusing to grow past a limit: a small PDF can hold a
// compressed attachment that expands to gigabytes.
class BoundedSink : public Pipeline {
 public:
  BoundedSink(std::string& out, size_t limit)
      : Pipeline("bounded sink", nullptr), out_(out), limit_(limit) {}
  void write(unsigned char const* data, size_t len) override {
    if (len > limit_ - std::min(limit_, out_.size())) {
      // qpdf catches what a pipeline throws and reports a failed read; the flag says why.
      exceeded_ = true;
      throw TooLarge();
    }
    out_.append(reinterpret_cast<const char*>(data), len);
  }
  void finish() override {}
  bool exceeded() const { return exceeded_; }
  struct TooLarge : std::runtime_error {
    TooLarge() : std::runtime_error("attachment too large") {}
  };

 private:
  std::string& out_;
  size_t limit_;
  bool exceeded_ = false;
};

void Open(QPDF& qpdf, std::string_view pdf) {
  qpdf.setSuppressWarnings(true);
  // The bytes must outlive the QPDF object; the caller's view does.
  qpdf.processMemoryFile("certificate.pdf", pdf.data(), pdf.size());
}

}  // namespace

std::string PdfDate(std::string_view t) {
  // "2026-03-15T12:00:00Z" -> "D:20260315120000Z"
  if (t.size() < 19) return {};
  std::string date = "D:";
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) date += t[i];
  return date + "Z";
}

Result<std::string> AttachFile(std::string_view pdf, const EmbeddedFile& file) {
  try {
    QPDF qpdf;
    Open(qpdf, pdf);
    auto stream = QPDFEFStreamObjectHelper::createEFStream(qpdf, file.content);
    stream.setSubtype(file.media_type);
    if (!file.modified.empty()) stream.setCreationDate(file.modified).setModDate(file.modified);
    auto spec = QPDFFileSpecObjectHelper::createFileSpec(qpdf, file.name, stream);
    spec.setDescription(file.description);
    QPDFObjectHandle spec_object = spec.getObjectHandle();
    // PDF/A-3's associated file: the page is a rendering of this file.
    spec_object.replaceKey("/AFRelationship", QPDFObjectHandle::newName("/Source"));
    QPDFEmbeddedFileDocumentHelper(qpdf).replaceEmbeddedFile(file.name, spec);
    QPDFObjectHandle root = qpdf.getRoot();
    QPDFObjectHandle associated = root.getKey("/AF");
    if (!associated.isArray()) {
      associated = QPDFObjectHandle::newArray();
      root.replaceKey("/AF", associated);
    }
    associated.appendItem(qpdf.makeIndirectObject(spec_object));

    QPDFWriter writer(qpdf);
    writer.setOutputMemory();
    writer.setDeterministicID(true);
    writer.write();
    std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize());
  } catch (const std::exception& e) {
    return Error::Internal(std::string("could not attach ") + file.name +
                           " to the PDF: " + e.what());
  }
}

Result<std::vector<EmbeddedFile>> ReadEmbeddedFiles(std::string_view pdf, size_t max_total_bytes) {
  std::vector<EmbeddedFile> files;
  size_t total = 0;
  try {
    QPDF qpdf;
    Open(qpdf, pdf);
    if (qpdf.isEncrypted()) {
      return Error::InvalidInput("the PDF is encrypted; its attachments cannot be read");
    }
    for (const auto& [name, spec] : QPDFEmbeddedFileDocumentHelper(qpdf).getEmbeddedFiles()) {
      QPDFObjectHandle stream = spec->getEmbeddedFileStream();
      if (!stream.isStream()) continue;
      EmbeddedFile file;
      file.name = spec->getFilename().empty() ? name : spec->getFilename();
      file.description = spec->getDescription();
      auto helper = QPDFEFStreamObjectHelper(stream);
      file.media_type = helper.getSubtype();
      file.modified = helper.getModDate();
      BoundedSink sink(file.content, max_total_bytes - total);
      bool read = stream.pipeStreamData(&sink, 0, qpdf_dl_all);
      if (sink.exceeded()) throw BoundedSink::TooLarge();
      if (!read) {
        return Error::InvalidInput("the PDF's attachment " + file.name +
                                   " uses a compression this reader does not know");
      }
      total += file.content.size();
      files.push_back(std::move(file));
    }
  } catch (const BoundedSink::TooLarge&) {
    return Error::InvalidInput("the PDF's attachments are larger than " +
                               std::to_string(max_total_bytes >> 20) + " MiB");
  } catch (const std::exception& e) {
    return Error::InvalidInput(std::string("the file is not a readable PDF: ") + e.what());
  }
  return files;
}

}  // namespace siegel::pdf
