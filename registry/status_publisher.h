// Status list upkeep inside a write transaction: allocating indexes and re-signing the lists.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>

#include "credential/ed25519.h"
#include "credential/status_list.h"
#include "registry/model.h"

namespace siegel {

// Every list starts at the Bitstring Status List's minimum length.
constexpr uint64_t kStatusListLength = kMinStatusListBits;
constexpr uint64_t kMaxStatusListLength = 1 << 24;  // 2 MiB of bits

struct AllocatedIndex {
  uint64_t index = 0;
  bool list_grew = false;  // the list was lengthened: republish it in this transaction
};

// A random unused index of the programme's list for `purpose`.
// Indexes are never reused: certificates are never deleted and the index is unique. A list
// that would be more than half full doubles its length first, so random probing stays cheap
// and each entry stays hidden among many.
Result<AllocatedIndex> AllocateStatusIndex(SQLite::Database& db, const std::string& programme,
                                           StatusPurpose purpose);

// The query that reads the set bits of a (programme, purpose) list, the programme bound first.
// It reads only withheld certificates, through the partial indexes certificates_revoked and
// certificates_withheld (migration 16), so a status change costs the same at any size.
const char* StatusListBitsQuery(StatusPurpose purpose);

// Rebuilds the bitstring of (programme, purpose) from the certificates at the list's current
// length, signs it and stores the credential. Call inside the transaction that changed a bit.
Status RepublishStatusList(SQLite::Database& db, const RegistrySettings& settings,
                           const std::string& key_id, const Ed25519PrivateKey& key,
                           const std::string& programme, StatusPurpose purpose,
                           const std::string& now);

// The purpose a status_lists row names (its CHECK constraint allows only the enum's names).
Result<StatusPurpose> StoredPurpose(const std::string& name);

}  // namespace siegel
