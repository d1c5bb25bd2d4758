// The certificate design's one row per scope: read, merged, validated and replaced.
#include "registry/certificate_designs.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "base/encoding.h"
#include "credential/sha256.h"
#include "registry/audit.h"
#include "registry/registry_store.h"
#include "registry/validation.h"

namespace siegel {
namespace {

constexpr size_t kMaxImageBytes = 1 << 20;

Status ValidatePng(const char* what, const std::string& png) {
  if (png.empty()) return Status::Ok();
  static const std::string kSignature("\x89PNG\r\n\x1a\n", 8);
  if (png.compare(0, kSignature.size(), kSignature) != 0) {
    return Error::InvalidInput(std::string("the ") + what +
                               " must be a PNG image (the file does not start like one)");
  }
  if (png.size() > kMaxImageBytes) {
    return Error::InvalidInput(std::string("the ") + what + " is " +
                               std::to_string(png.size() / 1024) +
                               " KiB; at most 1024 KiB fit a certificate");
  }
  return Status::Ok();
}

// The audit trail names an image by its digest and size, not its bytes.
Json ImageView(const std::string& png) {
  if (png.empty()) return nullptr;
  return Json{{"sha256", HexEncode(Sha256(png))}, {"bytes", png.size()}};
}

Json DesignView(const CertificateDesign& d) {
  return Json{{"place", d.place},
              {"signatoryName", d.signatory_name},
              {"signatoryRole", d.signatory_role},
              {"logo", ImageView(d.logo_png)},
              {"seal", ImageView(d.seal_png)}};
}

std::string BlobOrEmpty(const SQLite::Column& column) {
  if (column.isNull()) return {};
  return std::string(static_cast<const char*>(column.getBlob()), column.getBytes());
}

}  // namespace

Result<CertificateDesign> CertificateDesigns::Stored(const std::string& programme_code) const {
  try {
    SQLite::Statement q(store_.db(),
                        "SELECT place, signatory_name, signatory_role, logo_png, seal_png "
                        "FROM certificate_design WHERE scope = ?");
    q.bind(1, programme_code);
    CertificateDesign design;
    if (q.executeStep()) {
      design.place = q.getColumn(0).getString();
      design.signatory_name = q.getColumn(1).getString();
      design.signatory_role = q.getColumn(2).getString();
      design.logo_png = BlobOrEmpty(q.getColumn(3));
      design.seal_png = BlobOrEmpty(q.getColumn(4));
    }
    return design;
  } catch (const std::exception& e) {
    return Error::Io(std::string("reading the certificate design failed: ") + e.what());
  }
}

Result<CertificateDesign> CertificateDesigns::For(const std::string& programme_code) const {
  auto design = Stored("");
  if (!design.ok()) return design;
  auto own = Stored(programme_code);
  if (!own.ok()) return own;
  for (auto field : {&CertificateDesign::place, &CertificateDesign::signatory_name,
                     &CertificateDesign::signatory_role, &CertificateDesign::logo_png,
                     &CertificateDesign::seal_png}) {
    if (!((*own).*field).empty()) (*design).*field = (*own).*field;
  }
  return design;
}

Status CertificateDesigns::Set(const std::string& programme_code, const CertificateDesign& d,
                               const Actor& actor) {
  for (const auto& [field, value] : {std::pair<const char*, const std::string&>{"place", d.place},
                                     {"signatory's name", d.signatory_name},
                                     {"signatory's role", d.signatory_role}}) {
    if (Status s = ValidateText(field, value, 200, false); !s.ok()) return s;
  }
  if (Status s = ValidatePng("logo", d.logo_png); !s.ok()) return s;
  if (Status s = ValidatePng("seal", d.seal_png); !s.ok()) return s;
  auto before = Stored(programme_code);
  if (!before.ok()) return before.error();
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write([&]() -> Status {
    if (!programme_code.empty()) {
      SQLite::Statement known(store_.db(), "SELECT 1 FROM programmes WHERE code = ?");
      known.bind(1, programme_code);
      if (!known.executeStep()) {
        return Error::NotFound("there is no programme " + programme_code);
      }
    }
    SQLite::Statement upsert(
        store_.db(),
        "INSERT OR REPLACE INTO certificate_design (scope, place, signatory_name, signatory_role, "
        "logo_png, seal_png, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    upsert.bind(1, programme_code);
    upsert.bind(2, d.place);
    upsert.bind(3, d.signatory_name);
    upsert.bind(4, d.signatory_role);
    for (int column : {5, 6}) {
      const std::string& png = column == 5 ? d.logo_png : d.seal_png;
      if (png.empty()) {
        upsert.bind(column);
      } else {
        upsert.bind(column, png.data(), static_cast<int>(png.size()));
      }
    }
    upsert.bind(7, now);
    upsert.exec();
    AppendAudit(store_.db(), now, actor, "certificate_design.set",
                programme_code.empty() ? std::string("registry") : programme_code,
                DesignView(*before), DesignView(d));
    return Status::Ok();
  });
}

}  // namespace siegel
