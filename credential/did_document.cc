// did:web and DID documents: building them for publication, reading them for verification.
#include "credential/did_document.h"

#include <cctype>
#include <regex>
#include <set>

#include "credential/contexts.h"

namespace siegel {
namespace {

std::optional<UnixSeconds> ParseRevoked(const Json& method) {
  std::string revoked = StringMember(method, "revoked");
  if (revoked.empty()) return std::nullopt;
  auto parsed = ParseDateTimeStamp(revoked);
  return parsed.ok() ? std::optional<UnixSeconds>(*parsed) : std::nullopt;
}

Result<TrustedIssuer> FromJwks(const Json& jwks) {
  if (!jwks["keys"].is_array()) return Error::InvalidInput("the JWKS has no \"keys\" array");
  std::string did;
  std::vector<TrustedKey> keys;
  for (const Json& jwk : jwks["keys"]) {
    std::string kid = StringMember(jwk, "kid");
    size_t hash = kid.find('#');
    if (kid.rfind("did:", 0) != 0 || hash == std::string::npos) {
      return Error::InvalidInput("a JWKS key has no kid of the form did:…#fragment");
    }
    std::string key_did = kid.substr(0, hash);
    if (!did.empty() && key_did != did)
      return Error::InvalidInput("the JWKS mixes keys of several DIDs");
    did = key_did;
    auto key = Ed25519PublicKey::FromJwk(jwk);
    if (!key.ok()) return Error::InvalidInput("JWKS key " + kid + ": " + key.message());
    keys.push_back(TrustedKey{kid, std::move(key).value(), ParseRevoked(jwk)});
  }
  if (keys.empty()) return Error::InvalidInput("the JWKS holds no keys");
  return TrustedIssuer::FromKeys(did, std::move(keys));
}

Result<TrustedIssuer> FromDidDocument(const Json& document) {
  std::string did = StringMember(document, "id");
  if (did.rfind("did:", 0) != 0) return Error::InvalidInput("the DID document's id is not a DID");
  auto absolute = [&](const std::string& id) { return id.rfind('#', 0) == 0 ? did + id : id; };

  // Methods listed under assertionMethod, by reference or embedded.
  std::set<std::string> assertion_ids;
  std::vector<Json> methods;
  if (document.contains("verificationMethod")) {
    if (!document["verificationMethod"].is_array()) {
      return Error::InvalidInput("verificationMethod in the DID document is not an array");
    }
    for (const Json& m : document["verificationMethod"]) methods.push_back(m);
  }
  if (document.contains("assertionMethod")) {
    if (!document["assertionMethod"].is_array()) {
      return Error::InvalidInput("assertionMethod in the DID document is not an array");
    }
    for (const Json& entry : document["assertionMethod"]) {
      if (entry.is_string()) {
        assertion_ids.insert(absolute(entry.get<std::string>()));
      } else if (entry.is_object()) {
        methods.push_back(entry);
        assertion_ids.insert(absolute(StringMember(entry, "id")));
      }
    }
  }
  std::vector<TrustedKey> keys;
  for (const Json& method : methods) {
    if (!method.is_object()) return Error::InvalidInput("a verification method is not an object");
    std::string id = absolute(StringMember(method, "id"));
    if (assertion_ids.count(id) == 0) continue;  // not allowed to sign credentials
    if (StringMember(method, "controller") != did) {
      return Error::InvalidInput("verification method " + id + " is controlled by another DID");
    }
    if (id.rfind(did + "#", 0) != 0) {
      return Error::InvalidInput("verification method " + id + " does not belong to " + did);
    }
    bool has_multibase = method.contains("publicKeyMultibase");
    bool has_jwk = method.contains("publicKeyJwk");
    if (has_multibase == has_jwk) {
      return Error::InvalidInput("verification method " + id +
                                 " must carry exactly one of publicKeyMultibase and publicKeyJwk");
    }
    std::string type = StringMember(method, "type");
    Result<Ed25519PublicKey> key =
        Error::InvalidInput("unsupported verification method type " + type);
    if (type == "Multikey" && has_multibase) {
      key = Ed25519PublicKey::FromMultikey(StringMember(method, "publicKeyMultibase"));
    } else if (type == "JsonWebKey" && has_jwk) {
      key = Ed25519PublicKey::FromJwk(method["publicKeyJwk"]);
    }
    if (!key.ok()) return Error::InvalidInput("verification method " + id + ": " + key.message());
    keys.push_back(TrustedKey{id, std::move(key).value(), ParseRevoked(method)});
  }
  if (keys.empty()) return Error::InvalidInput("the DID document lists no usable assertion method");
  return TrustedIssuer::FromKeys(did, std::move(keys));
}

}  // namespace

Result<std::string> DidWebFromBaseUrl(std::string_view base_url) {
  static const std::regex kUrl(
      R"(^https?://([A-Za-z0-9.-]+)(:([0-9]{1,5}))?(/[A-Za-z0-9._~/-]*)?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(base_url.begin(), base_url.end(), m, kUrl)) {
    return Error::InvalidInput("the base URL \"" + std::string(base_url) +
                               "\" must look like https://labels.example.org[:port][/path]");
  }
  std::string did = "did:web:" + m[1].str();
  for (char& c : did) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (m[3].matched) did += "%3A" + m[3].str();
  std::string path = m[4].str();
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) did += ":" + path.substr(start, end - start);
    start = end + 1;
  }
  return did;
}

Status CheckResolvableByDidWeb(std::string_view base_url) {
  static const std::regex kParts(R"(^(https?)://([A-Za-z0-9.-]+)(:[0-9]{1,5})?(/.*)?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(base_url.begin(), base_url.end(), m, kParts)) {
    return DidWebFromBaseUrl(base_url).status();
  }
  const std::string scheme = m[1].str();
  std::string host = m[2].str();
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::regex kIpv4(R"(^[0-9]+(\.[0-9]+){0,3}\.?$)");
  const std::string why =
      " so no standard did:web resolver could find the issuer's keys and every credential "
      "would fail outside Siegel's own tools; use the registry's public https:// address "
      "(or allow this one on purpose for a demo or test registry)";
  if (std::regex_match(host, kIpv4)) {
    return Error::InvalidInput("the base URL names the host by its IP address " + host +
                               ", but did:web identifies an issuer by a domain name only," + why);
  }
  if (host == "localhost" ||
      (host.size() > 10 && host.compare(host.size() - 10, 10, ".localhost") == 0)) {
    return Error::InvalidInput("the base URL names " + host +
                               ", which only this machine can reach," + why);
  }
  if (scheme != "https") {
    return Error::InvalidInput(
        "the base URL uses http://, but did:web resolvers fetch the DID "
        "document over HTTPS only," +
        why);
  }
  return Status::Ok();
}

Result<std::string> DidWebDocumentUrl(const std::string& did) {
  static const std::regex kDidWeb(
      R"(^did:web:([A-Za-z0-9.-]+)(%3A([0-9]{1,5}))?((:[A-Za-z0-9._~-]+)*)$)");
  std::smatch m;
  if (!std::regex_match(did, m, kDidWeb)) {
    return Error::InvalidInput("\"" + did +
                               "\" is not a did:web identifier this verifier can resolve");
  }
  std::string host = m[1].str();
  bool loopback = host == "localhost" || host == "127.0.0.1";
  std::string url = (loopback ? "http://" : "https://") + host;
  if (m[3].matched) url += ":" + m[3].str();
  std::string path = m[4].str();
  if (path.empty()) return url + "/.well-known/did.json";
  for (char& c : path) {
    if (c == ':') c = '/';
  }
  return url + path + "/did.json";
}

std::string MultikeyMethodId(const std::string& did, const std::string& key_id) {
  return did + "#" + key_id;
}

std::string JwkMethodId(const std::string& did, const std::string& key_id) {
  return did + "#" + key_id + "-jwk";
}

Json BuildDidDocument(const std::string& did, const std::vector<PublishedKey>& keys) {
  Json methods = Json::array();
  Json assertion = Json::array();
  for (const PublishedKey& k : keys) {
    Json multikey = {{"id", MultikeyMethodId(did, k.key_id)},
                     {"type", "Multikey"},
                     {"controller", did},
                     {"publicKeyMultibase", k.key.Multikey()}};
    Json jwk = k.key.Jwk();
    jwk["alg"] = "EdDSA";
    Json json_web_key = {{"id", JwkMethodId(did, k.key_id)},
                         {"type", "JsonWebKey"},
                         {"controller", did},
                         {"publicKeyJwk", jwk}};
    if (k.compromised_at) {
      multikey["revoked"] = FormatDateTimeStamp(*k.compromised_at);
      json_web_key["revoked"] = FormatDateTimeStamp(*k.compromised_at);
    }
    methods.push_back(multikey);
    methods.push_back(json_web_key);
    assertion.push_back(MultikeyMethodId(did, k.key_id));
    assertion.push_back(JwkMethodId(did, k.key_id));
  }
  return Json{{"@context", {kDidV1Context, kMultikeyContext, kJwkContext}},
              {"id", did},
              {"verificationMethod", methods},
              {"assertionMethod", assertion}};
}

Json BuildJwks(const std::string& did, const std::vector<PublishedKey>& keys) {
  Json list = Json::array();
  for (const PublishedKey& k : keys) {
    // Each key under both of its method ids, so a JWKS alone verifies the JWS (kid …-jwk)
    // and the embedded Data Integrity proofs (verificationMethod #key-N) alike.
    for (const std::string& kid : {JwkMethodId(did, k.key_id), MultikeyMethodId(did, k.key_id)}) {
      Json jwk = k.key.Jwk();
      jwk["kid"] = kid;
      jwk["alg"] = "EdDSA";
      jwk["use"] = "sig";
      if (k.compromised_at) jwk["revoked"] = FormatDateTimeStamp(*k.compromised_at);
      list.push_back(jwk);
    }
  }
  return Json{{"keys", list}};
}

Result<TrustedIssuer> TrustedIssuer::FromDocument(const Json& document) {
  if (!document.is_object()) return Error::InvalidInput("the trust document is not a JSON object");
  if (document.contains("keys")) return FromJwks(document);
  if (document.contains("id")) return FromDidDocument(document);
  return Error::InvalidInput("the trust document is neither a DID document nor a JWKS");
}

TrustedIssuer TrustedIssuer::FromKeys(std::string did, std::vector<TrustedKey> keys) {
  TrustedIssuer issuer;
  issuer.did_ = std::move(did);
  for (TrustedKey& k : keys) {
    std::string id = k.method_id;
    issuer.keys_.emplace(std::move(id), std::move(k));
  }
  return issuer;
}

Result<const TrustedKey*> TrustedIssuer::ResolveAssertionMethod(std::string_view method_id) const {
  size_t hash = method_id.find('#');
  if (hash == std::string_view::npos || method_id.substr(0, hash) != did_) {
    return Error::InvalidInput("verification method " + std::string(method_id) +
                               " does not belong to the trusted issuer " + did_);
  }
  auto it = keys_.find(method_id);
  if (it == keys_.end()) {
    return Error::NotFound("verification method " + std::string(method_id) +
                           " is not an assertion method of " + did_);
  }
  return &it->second;
}

}  // namespace siegel
