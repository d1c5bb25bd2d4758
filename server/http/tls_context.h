// The server's TLS settings, loaded once: the certificate chain and key, TLS 1.2 at least,
// and for TLS 1.2 only forward-secret AEAD suites (TLS 1.3's are all of that kind).
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

#include "base/result.h"

namespace siegel::http {

class TlsContext {
 public:
  // An error naming the file when the certificate or key cannot be loaded or do not match.
  static Result<std::unique_ptr<TlsContext>> Load(const std::string& cert_file,
                                                  const std::string& key_file);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  SSL_CTX* get() const { return context_; }

 private:
  explicit TlsContext(SSL_CTX* context) : context_(context) {}
  SSL_CTX* context_;
};

}  // namespace siegel::http
