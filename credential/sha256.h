// SHA-256 digests (OpenSSL EVP).
#pragma once

#include <string_view>

#include "base/encoding.h"

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace siegel {

Bytes Sha256(std::string_view data);
Bytes Sha256(const Bytes& data);

// The SHA-256 digest of data given piece by piece (a file too large to hold, say).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Update(std::string_view data);
  Bytes Finish();  // once, after the last Update

 private:
  EVP_MD_CTX* context_;
};

}  // namespace siegel
