// The printed certificate (the Urkunde) as an A4 PDF, drawn with cairo and laid out with
// pango, carrying its signed credential as an attached file (pdf/embedded_files.h), so the
// paper's digital twin can be checked offline. Knows nothing of the registry: every text
// arrives here already in the reader's language (certificate_pdf_content.h assembles them).
#pragma once

#include <string>

#include "base/result.h"
#include "pdf/embedded_files.h"

namespace siegel::pdf {

struct CertificatePdfContent {
  std::string language;  // "de" | "en"
  std::string title;     // the PDF's document title
  std::string issuer_name;
  std::string heading;           // "Urkunde"
  std::string preamble;          // "Hiermit wird bestätigt, dass"
  std::string holder;            // the initiative
  std::string holder_detail;     // "getragen von …", may be empty
  std::string award;             // "das Qualitätssiegel"
  std::string programme_name;    // "Cluster-Exzellenz Baden-Württemberg"
  std::string level;             // "Stufe: Gold", may be empty
  std::string validity;          // "gültig vom … bis …"
  std::string criteria_heading;  // "Was das Siegel bestätigt"
  std::string criteria_text;
  std::string assessment;      // who assessed when, may be empty
  std::string place_and_date;  // "Stuttgart, 15.03.2026"
  std::string signatory_name;  // may be empty: a blank line to sign on
  std::string signatory_role;
  std::string number_line;      // "Urkunden-Nr. CEBW-2026-0002"
  std::string verify_caption;   // under the QR code
  std::string verify_url;       // what the QR code holds
  std::string attachment_note;  // the footer: what the attachment is and how to check it
  // Across the page when the certificate is no longer in force ("WIDERRUFEN"); empty otherwise.
  std::string banner;
  std::string banner_detail;  // "am 01.02.2027 · Grund: …"
  std::string logo_png;       // the issuer's logo or coat of arms; empty: none
  std::string seal_png;       // the label's seal; empty: a drawn seal with `seal_text`
  std::string seal_text;      // "CEBW"
  std::string created;        // RFC 3339 UTC, the PDF's date: the same certificate, the same bytes
  EmbeddedFile credential;
};

Result<std::string> RenderCertificatePdf(const CertificatePdfContent& content);

}  // namespace siegel::pdf
