#include "server/publish/public_site.h"

#include "credential/contexts.h"
#include "server/publish/rendered_answer.h"
#include "server/web/page.h"

namespace siegel::publish {
namespace {

bool EndsWith(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// The extension a mirror stores a media type under; nginx and object stores map it back.
std::string ExtensionOf(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  if (type == "text/html") return ".html";
  // Each media type its own extension, so a server can give it back; the issuer's two
  // documents end in .json and get their types by their exact paths.
  if (type == "application/json" || type == "application/did+json" ||
      type == "application/jwk-set+json") {
    return ".json";
  }
  if (type == "application/vc") return ".vc";
  if (type == "application/ld+json") return ".jsonld";
  if (type == "application/vc+jwt" || type == "application/jwt") return ".jwt";
  if (type == "image/svg+xml") return ".svg";
  if (type == "application/pdf") return ".pdf";
  if (type == "text/css") return ".css";
  if (type == "application/atom+xml") return ".atom";
  if (type == "text/csv") return ".csv";
  if (type == "image/png") return ".png";
  return "";
}

std::vector<SiteDocument> BothLanguages(const std::string& path) {
  return {SiteDocument{path, false, false}, SiteDocument{path, true, false}};
}

void AddAll(std::vector<SiteDocument>& to, const std::vector<SiteDocument>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

// What a verifier fetches first: the issuer's documents and the status lists.
std::vector<SiteDocument> IssuerDocuments(const std::vector<Programme>& programmes) {
  std::vector<SiteDocument> documents = {
      {"/.well-known/did.json"}, {"/.well-known/jwks.json"}, {std::string(kSiegelContextPath)}};
  for (const Programme& programme : programmes) {
    for (StatusPurpose purpose : kStatusPurposes) {
      documents.push_back({"/status/" + programme.code + "/" + PurposeName(purpose)});
    }
  }
  return documents;
}

std::vector<SiteDocument> CertificateDocuments(const std::string& id, bool with_pdf) {
  const std::string api = "/api/v1/certificates/" + id;
  std::vector<SiteDocument> documents = {
      {api}, {api, false, true}, {api + "/status"}, {api + "/log"}, {api + "/open-badge"}};
  AddAll(documents, BothLanguages("/certificates/" + id));
  AddAll(documents, BothLanguages("/verify/" + id));
  AddAll(documents, BothLanguages("/badge/" + id + ".svg"));
  if (with_pdf) AddAll(documents, BothLanguages("/certificates/" + id + ".pdf"));
  return documents;
}

std::vector<SiteDocument> InitiativeDocuments(const std::string& slug,
                                              const std::vector<Programme>& programmes) {
  std::vector<SiteDocument> documents = {{"/api/v1/initiatives/" + slug}};
  AddAll(documents, BothLanguages("/initiatives/" + slug));
  for (const Programme& programme : programmes) {
    AddAll(documents, BothLanguages("/initiatives/" + slug + "/badge/" + programme.code + ".svg"));
  }
  return documents;
}

std::vector<SiteDocument> RegistryWideDocuments() {
  std::vector<SiteDocument> documents = {
      {"/api/openapi.json"},    {"/api/v1/programmes"}, {"/api/v1/initiatives"},
      {"/api/v1/certificates"}, {"/export.json"},       {"/export.csv"},
      {"/feed.atom"},           {"/static/siegel.css"}, {"/static/print.css"}};
  for (const char* page : {"/", "/about", "/imprint", "/log", "/verify"}) {
    AddAll(documents, BothLanguages(page));
  }
  return documents;
}

std::string RequestFor(const SiteDocument& document) {
  std::string target = document.path + (document.english ? "?lang=en" : "");
  return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " +
         (document.jws ? "application/vc+jwt" : "*/*") + "\r\nConnection: close\r\n\r\n";
}

// Which media types are worth a gzip copy (images and PDFs are compressed already).
bool Compressible(const std::string& file) {
  return !EndsWith(file, ".pdf") && !EndsWith(file, ".png");
}

class SitePublisher {
 public:
  SitePublisher(http::SiegelServer& server, StaticDirectory& out) : server_(server), out_(out) {}

  Status Publish(const std::vector<SiteDocument>& documents) {
    for (const SiteDocument& document : documents) {
      if (Status s = PublishOne(document); !s.ok()) return s;
    }
    return Status::Ok();
  }
  const SiteCounts& counts() const { return counts_; }
  void CountCertificate() { ++counts_.certificates; }

 private:
  Status PublishOne(const SiteDocument& document) {
    auto raw = server_.AnswerInProcess(RequestFor(document));
    if (!raw.ok()) return raw.error();
    auto answer = ParseRenderedAnswer(*raw);
    if (!answer.ok()) return Error::Internal(document.path + ": " + answer.message());
    ++counts_.documents;
    if (answer->status != 200) {
      ++counts_.skipped;
      return Status::Ok();
    }
    std::string file = MirrorFileOf(document, answer->Header("content-type"));
    if (file.empty()) {
      return Error::Internal(document.path + " answers " + answer->Header("content-type") +
                             ", which a mirror has no file name for");
    }
    return out_.Put(file, answer->body, Compressible(file));
  }

  http::SiegelServer& server_;
  StaticDirectory& out_;
  SiteCounts counts_;
};

}  // namespace

std::string MirrorFileOf(const SiteDocument& document, const std::string& content_type) {
  std::string extension = ExtensionOf(content_type);
  if (extension.empty()) return "";
  std::string file = document.path == "/" ? "/index.html" : document.path;
  if (!EndsWith(file, extension)) file += extension;
  return (document.english ? "en" : "") + file.substr(document.english ? 0 : 1);
}

Result<SiteCounts> PublishSite(http::SiegelServer& server, Registry& registry,
                               const SiteScope& scope, StaticDirectory& out) {
  auto programmes = registry.certificates().ListProgrammes();
  if (!programmes.ok()) return programmes.error();
  SitePublisher publisher(server, out);
  // Pages published say they are a copy, and of which state: the registry's latest change.
  // That moment, not the clock, so that publishing again without a change writes nothing.
  auto latest = registry.certificates().LatestEvents(1);
  if (!latest.ok()) return latest.error();
  web::StaticCopyNotice notice(latest->empty() ? std::string() : latest->front().event.at);
  if (Status s = publisher.Publish(IssuerDocuments(*programmes)); !s.ok()) return s.error();
  if (scope.everything) {
    Status listed = registry.certificates().ForEachPublicRecord([&](const PublicRecord& record) {
      publisher.CountCertificate();
      return publisher.Publish(CertificateDocuments(record.summary.certificate.id, scope.with_pdf));
    });
    if (!listed.ok()) return listed.error();
  } else {
    for (const std::string& id : scope.certificates) {
      publisher.CountCertificate();
      if (Status s = publisher.Publish(CertificateDocuments(id, scope.with_pdf)); !s.ok()) {
        return s.error();
      }
    }
  }
  auto initiatives = registry.certificates().ListInitiatives();
  if (!initiatives.ok()) return initiatives.error();
  for (const Initiative& initiative : *initiatives) {
    if (Status s = publisher.Publish(InitiativeDocuments(initiative.slug, *programmes)); !s.ok()) {
      return s.error();
    }
  }
  if (Status s = publisher.Publish(RegistryWideDocuments()); !s.ok()) return s.error();
  return publisher.counts();
}

}  // namespace siegel::publish
