// Status lists are derived data: the certificates table is the truth, the list its signed view.
#include "registry/status_publisher.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <openssl/rand.h>

#include "credential/status_list.h"
#include "registry/open_badge.h"

namespace siegel {
namespace {

// Only these literals reach the SQL below, so the column name is never user data.
const char* IndexColumnQuery(StatusPurpose purpose) {
  return purpose == StatusPurpose::kRevocation
             ? "SELECT 1 FROM certificates WHERE programme_code = ? AND revocation_index = ?"
             : "SELECT 1 FROM certificates WHERE programme_code = ? AND suspension_index = ?";
}

struct ListSize {
  uint64_t length = kStatusListLength;
  uint64_t allocated = 0;
};

ListSize ReadListSize(SQLite::Database& db, const std::string& programme, StatusPurpose purpose) {
  SQLite::Statement q(
      db, "SELECT length, allocated FROM status_lists WHERE programme_code = ? AND purpose = ?");
  q.bind(1, programme);
  q.bind(2, PurposeName(purpose));
  ListSize size;
  if (q.executeStep()) {
    size.length = static_cast<uint64_t>(q.getColumn(0).getInt64());
    size.allocated = static_cast<uint64_t>(q.getColumn(1).getInt64());
  }
  return size;
}

}  // namespace

Result<AllocatedIndex> AllocateStatusIndex(SQLite::Database& db, const std::string& programme,
                                           StatusPurpose purpose) {
  ListSize size = ReadListSize(db, programme, purpose);
  AllocatedIndex allocated;
  uint64_t length = size.length;
  while ((size.allocated + 1) * 2 > length) {
    if (length >= kMaxStatusListLength) {
      return Error::Refused("the status lists of programme " + programme + " are full");
    }
    length *= 2;
    allocated.list_grew = true;
  }
  SQLite::Statement record(db,
                           "UPDATE status_lists SET length = ?, allocated = allocated + 1 "
                           "WHERE programme_code = ? AND purpose = ?");
  record.bind(1, static_cast<int64_t>(length));
  record.bind(2, programme);
  record.bind(3, PurposeName(purpose));
  if (record.exec() != 1)
    return Error::Internal("programme " + programme + " has no " + PurposeName(purpose) +
                           " status list");
  SQLite::Statement taken(db, IndexColumnQuery(purpose));
  for (int attempt = 0; attempt < 64; ++attempt) {
    uint64_t random = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&random), sizeof(random)) != 1) {
      return Error::Internal("the random number generator failed");
    }
    uint64_t index = random % length;
    taken.reset();
    taken.bind(1, programme);
    taken.bind(2, static_cast<int64_t>(index));
    if (!taken.executeStep()) {
      allocated.index = index;
      return allocated;
    }
  }
  return Error::Internal("could not find a free status list index");
}

const char* StatusListBitsQuery(StatusPurpose purpose) {
  return purpose == StatusPurpose::kRevocation
             ? "SELECT revocation_index FROM certificates WHERE programme_code "
               "= ? AND revoked_at IS NOT NULL"
             // A revoked certificate is suspended for good: a verifier that reads only the
             // suspension entry (the Open Badges 3.0 form) must not find it in force.
             : "SELECT suspension_index FROM certificates WHERE programme_code "
               "= ? AND (suspended_at IS NOT NULL OR revoked_at IS NOT NULL)";
}

Status RepublishStatusList(SQLite::Database& db, const RegistrySettings& settings,
                           const std::string& key_id, const Ed25519PrivateKey& key,
                           const std::string& programme, StatusPurpose purpose,
                           const std::string& now) {
  uint64_t length = ReadListSize(db, programme, purpose).length;
  Bitstring bits(length);
  SQLite::Statement set(db, StatusListBitsQuery(purpose));
  set.bind(1, programme);
  while (set.executeStep()) bits.Set(static_cast<size_t>(set.getColumn(0).getInt64()), true);
  auto encoded = EncodeStatusList(bits);
  if (!encoded.ok()) return encoded.error();
  Json unsigned_list =
      BuildStatusListCredential(settings, programme, PurposeName(purpose), *encoded, now);
  auto signed_list = SignCredential(unsigned_list, settings, key_id, key, now, /*with_jws=*/false);
  if (!signed_list.ok()) return signed_list.error();
  SQLite::Statement store(
      db,
      "INSERT INTO status_lists (programme_code, purpose, length, credential_json, updated_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (programme_code, purpose) DO UPDATE SET "
      "length = excluded.length, credential_json = excluded.credential_json, "
      "updated_at = excluded.updated_at");
  store.bind(1, programme);
  store.bind(2, PurposeName(purpose));
  store.bind(3, static_cast<int64_t>(length));
  store.bind(4, signed_list->json);
  store.bind(5, now);
  store.exec();
  return Status::Ok();
}

Result<StatusPurpose> StoredPurpose(const std::string& name) {
  std::optional<StatusPurpose> purpose = ParsePurpose(name);
  if (!purpose)
    return Error::Damaged("the registry names an unknown status purpose \"" + name + "\"");
  return *purpose;
}

}  // namespace siegel
