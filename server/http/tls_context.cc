#include "server/http/tls_context.h"

#include <openssl/err.h>

namespace siegel::http {

Result<std::unique_ptr<TlsContext>> TlsContext::Load(const std::string& cert_file,
                                                     const std::string& key_file) {
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  if (context == nullptr) return Error::Internal("cannot set up TLS");
  std::unique_ptr<TlsContext> tls(new TlsContext(context));
  if (SSL_CTX_use_certificate_chain_file(context, cert_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(context, key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(context) != 1) {
    ERR_clear_error();
    return Error::InvalidInput("cannot load the TLS certificate " + cert_file + " or key " +
                               key_file);
  }
  if (SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(context,
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                              "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1) {
    ERR_clear_error();
    return Error::Internal("cannot configure TLS");
  }
  // No renegotiation (a client could make the server redo handshakes); a peer that closes
  // without close_notify has simply closed (the framing tells whether a request was whole).
  SSL_CTX_set_options(context, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE |
                                   SSL_OP_IGNORE_UNEXPECTED_EOF);
  // Partial writes, retried from a buffer that may have moved (the connection's output grows),
  // and no buffers kept for idle connections.
  SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                                SSL_MODE_RELEASE_BUFFERS);
  return tls;
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

}  // namespace siegel::http
