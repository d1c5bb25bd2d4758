// Files carried inside a PDF: the printed certificate (the Urkunde) carries its signed
// credential, so the PDF itself can be checked offline by anyone who holds it. Attached as an
// embedded file and, as PDF/A-3 asks of an associated file, named in the document catalog's
// /AF array with the relationship "Source" (the page shows what the file says).
// qpdf reads and writes the PDF; nothing here knows what a credential is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace siegel::pdf {

struct EmbeddedFile {
  std::string name;         // the file name a PDF reader offers, "CEBW-2026-0002.credential.json"
  std::string media_type;   // "application/json"
  std::string description;  // shown by PDF readers beside the name
  std::string content;
  // PDF date, "D:20260315120000Z"; empty leaves the dates out.
  std::string modified;
};

// `pdf` with `file` attached (replacing an attachment of the same name). The output is
// deterministic: the same input gives the same bytes.
Result<std::string> AttachFile(std::string_view pdf, const EmbeddedFile& file);

// Every file embedded in `pdf` (through the document's EmbeddedFiles name tree), in name order.
// A damaged or encrypted PDF is an error that says so; a PDF without attachments is an empty
// list. Reads at most `max_total_bytes` of attachment content.
Result<std::vector<EmbeddedFile>> ReadEmbeddedFiles(std::string_view pdf,
                                                    size_t max_total_bytes = 4 << 20);

// A PDF date ("D:YYYYMMDDHHmmSSZ") for an RFC 3339 UTC time ("2026-03-15T12:00:00Z").
std::string PdfDate(std::string_view rfc3339_utc);

}  // namespace siegel::pdf
