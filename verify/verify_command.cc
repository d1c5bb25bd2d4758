// Offline verification: trust document and status lists are checked first (an input error
// there is exit 2); then every credential gets exactly one verdict.
#include "verify/verify_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "registry/credential/verifier.h"

namespace siegel::verify {
namespace {

constexpr size_t kMaxFileBytes = 1 << 20;

Result<std::string> ReadInput(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::InvalidInput("cannot read " + path);
    in.seekg(0, std::ios::end);
    if (in.tellg() > static_cast<std::streamoff>(kMaxFileBytes)) {
      return Error::InvalidInput(path + " is larger than 1 MiB; it is not a credential");
    }
    in.seekg(0);
    text << in.rdbuf();
  }
  if (text.str().size() > kMaxFileBytes) return Error::InvalidInput(path + " is larger than 1 MiB");
  return text.str();
}

std::string Verdict(const VerificationReport& report) {
  std::string line = StateLabel(report.state);
  if (report.state == CredentialState::kInvalid || report.state == CredentialState::kUnknown) {
    line += ": " + report.reason;
  }
  return line;
}

}  // namespace

int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
  if (options.files.empty()) {
    err << "siegel-verify: name at least one credential file (JSON or JWS)" << std::endl;
    return kUsageError;
  }
  if (options.trust_file.empty()) {
    err << "siegel-verify: --trust is required: the issuer's DID document (did.json) or JWKS, "
           "downloaded from the registry you trust"
        << std::endl;
    return kUsageError;
  }
  auto trust_text = ReadInput(options.trust_file);
  if (!trust_text.ok()) {
    err << "siegel-verify: --trust: " << trust_text.message() << std::endl;
    return kUsageError;
  }
  auto trust_json = ParseStrictJson(*trust_text);
  auto trust = trust_json.ok() ? TrustedIssuer::FromDocument(*trust_json) : Result<TrustedIssuer>(trust_json.error());
  if (!trust.ok()) {
    err << "siegel-verify: --trust " << options.trust_file << ": " << trust.message() << std::endl;
    return kUsageError;
  }
  StatusListSet lists;
  for (const std::string& file : options.status_lists) {
    auto text = ReadInput(file);
    Status added = text.ok() ? lists.Add(*text, *trust) : Status(text.error());
    if (!added.ok()) {
      err << "siegel-verify: --status-list " << file << ": " << added.message() << std::endl;
      return kUsageError;
    }
  }
  UnixSeconds at = NowUnixSeconds();
  if (!options.at.empty()) {
    auto parsed = ParseDateOrDateTime(options.at);
    if (!parsed.ok()) {
      err << "siegel-verify: --at: " << parsed.message() << std::endl;
      return kUsageError;
    }
    at = *parsed;
  }

  bool any_not_valid = false, any_unchecked = false, input_error = false;
  Json results = Json::array();
  for (const std::string& file : options.files) {
    auto text = ReadInput(file);
    if (!text.ok()) {
      err << "siegel-verify: " << text.message() << std::endl;
      input_error = true;
      continue;
    }
    VerificationReport report = VerifyLabelCredential(*text, *trust, lists.size() > 0 ? &lists : nullptr, at);
    if (report.state == CredentialState::kUnknown) {
      any_unchecked = true;
    } else if (report.state != CredentialState::kValid) {
      any_not_valid = true;
    }
    if (options.json) {
      Json item = report.ToJson();
      item["file"] = file;
      results.push_back(item);
    } else if (options.files.size() == 1) {
      out << Verdict(report) << "\n";
    } else {
      out << file << ": " << Verdict(report) << "\n";
    }
  }
  if (options.json) out << Json{{"results", results}}.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  out.flush();
  if (input_error) return kUsageError;
  if (any_not_valid) return kSomeNotValid;
  if (any_unchecked) return kStatusUnchecked;
  return kAllValid;
}

}  // namespace siegel::verify
