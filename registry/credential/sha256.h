// SHA-256 digests (OpenSSL EVP).
#pragma once

#include <string_view>

#include "registry/credential/encoding.h"

namespace siegel {

Bytes Sha256(std::string_view data);
Bytes Sha256(const Bytes& data);

}  // namespace siegel
