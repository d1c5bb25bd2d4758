// Issuer key rotation and compromise. A rotation or a compromise changes the published DID
// document and JWKS and re-signs every status list, all in one transaction.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/audit.h"
#include "registry/certificate_status.h"
#include "registry/database.h"
#include "registry/registry.h"
#include "registry/sql_guard.h"
#include "registry/status_publisher.h"

namespace siegel {
namespace {

int64_t NextKeyNumber(SQLite::Database& db) {
  SQLite::Statement q(db,
                      "SELECT COALESCE(MAX(CAST(substr(key_id, 5) AS INTEGER)), 0) + 1 "
                      "FROM issuer_keys WHERE key_id GLOB 'key-[0-9]*'");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace

Result<IssuerKeyRecord> IssuerKeys::RotateKeyInTransaction(const std::string& now,
                                                           const Actor& actor) {
  std::string old_key = store_.settings().active_key_id;
  std::optional<std::string> passphrase = KeyStore::PassphraseFromEnvironment();
  // Checked before anything is written: an encrypted registry never gets a key in clear, and
  // a wrong passphrase is found now, not after a key file exists.
  std::string old_file = "keys/" + old_key + ".pem";
  if (store_.key_files().IsEncrypted(old_file)) {
    if (!passphrase) {
      return Error::Refused(
          "the registry's issuer keys are encrypted: set SIEGEL_KEY_PASSPHRASE "
          "so that the new key is encrypted too");
    }
    if (auto current = store_.key_files().Load(old_file, passphrase); !current.ok())
      return current.error();
  }
  // A file a rotation interrupted before this one may hold the next number: skip it.
  int64_t number = NextKeyNumber(store_.db());
  while (store_.key_files().Exists("key-" + std::to_string(number))) ++number;
  std::string key_id = "key-" + std::to_string(number);
  auto created = store_.key_files().Create(key_id, passphrase);
  if (!created.ok()) return created.error();
  // Until the transaction commits, the file is not a key of the registry (Write removes it
  // if the rotation does not commit).
  store_.RemoveUnlessCommitted(store_.key_files().data_dir() / created->second);
  SQLite::Statement insert(
      store_.db(),
      "INSERT INTO issuer_keys (key_id, public_key_multibase, private_key_file, created_at) "
      "VALUES (?, ?, ?, ?)");
  insert.bind(1, key_id);
  insert.bind(2, created->first.public_key().Multikey());
  insert.bind(3, created->second);
  insert.bind(4, now);
  insert.exec();
  SQLite::Statement retire(store_.db(),
                           "UPDATE issuer_keys SET retired_at = ? WHERE key_id = ? AND "
                           "retired_at IS NULL");
  retire.bind(1, now);
  retire.bind(2, old_key);
  retire.exec();
  PutSetting(store_.db(), "active_key_id", key_id);
  store_.ActivateKeyInTransaction(key_id, created->first);
  // Every status list is signed again with the new key, so no list depends on the old one.
  SQLite::Statement lists(store_.db(), "SELECT programme_code, purpose FROM status_lists");
  std::vector<std::pair<std::string, std::string>> pairs;
  while (lists.executeStep()) {
    pairs.emplace_back(lists.getColumn(0).getString(), lists.getColumn(1).getString());
  }
  for (const auto& [programme, purpose_name] : pairs) {
    auto purpose = StoredPurpose(purpose_name);
    if (!purpose.ok()) return purpose.error();
    if (Status s = RepublishStatusList(store_.db(), store_.settings(), key_id, created->first,
                                       programme, *purpose, now);
        !s.ok()) {
      return s.error();
    }
  }
  AppendAudit(
      store_.db(), now, actor, "key.rotate", key_id, Json{{"activeKey", old_key}},
      Json{{"activeKey", key_id}, {"publicKeyMultibase", created->first.public_key().Multikey()}});
  IssuerKeyRecord record;
  record.key_id = key_id;
  record.public_key_multibase = created->first.public_key().Multikey();
  record.created_at = now;
  return record;
}

Result<IssuerKeyRecord> IssuerKeys::RotateKey(const Actor& actor) {
  Result<IssuerKeyRecord> result = Error::Internal("the rotation did not run");
  Status status = store_.Write([&]() -> Status {
    result = RotateKeyInTransaction(FormatDateTimeStamp(store_.Now()), actor);
    return result.status();
  });
  if (!status.ok()) {
    store_.ReloadAfterRollback();  // the transaction rolled back
    return status.error();
  }
  return result;
}

Result<std::vector<std::string>> IssuerKeys::CertificatesSignedWith(
    const std::string& key_id, const std::string& since) const {
  return Guard("certificates", [&]() -> Result<std::vector<std::string>> {
    SQLite::Statement q(store_.db(),
                        "SELECT id FROM certificates WHERE key_id = ? AND issued_at >= ? "
                        "AND revoked_at IS NULL ORDER BY issued_at, id");
    q.bind(1, key_id);
    q.bind(2, since);
    std::vector<std::string> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getString());
    return ids;
  });
}

Result<std::vector<std::string>> IssuerKeys::MarkKeyCompromised(const std::string& key_id,
                                                                UnixSeconds since,
                                                                const Actor& actor) {
  std::string now = FormatDateTimeStamp(store_.Now());
  std::string since_text = FormatDateTimeStamp(since);
  if (since_text > now) return Error::InvalidInput("the compromise time lies in the future");
  Result<std::vector<std::string>> affected = Error::Internal("the change did not run");
  Status status = store_.Write([&]() -> Status {
    SQLite::Statement q(store_.db(),
                        "SELECT created_at, COALESCE(compromised_at, '') FROM issuer_keys "
                        "WHERE key_id = ?");
    q.bind(1, key_id);
    if (!q.executeStep()) return Error::NotFound("there is no issuer key " + key_id);
    std::string created_at = q.getColumn(0).getString();
    std::string already = q.getColumn(1).getString();
    // Before the key existed nothing could be signed with it: its creation time then.
    if (since_text < created_at) since_text = created_at;
    // A compromise can be moved earlier when more becomes known, never later.
    if (!already.empty() && already <= since_text) {
      return Error::Refused("key " + key_id + " is already marked compromised since " + already);
    }
    if (key_id == store_.settings().active_key_id) {
      auto rotated = RotateKeyInTransaction(now, actor);
      if (!rotated.ok()) return rotated.error();
    }
    SQLite::Statement mark(store_.db(),
                           "UPDATE issuer_keys SET compromised_at = ? WHERE key_id = ?");
    mark.bind(1, since_text);
    mark.bind(2, key_id);
    mark.exec();
    affected = CertificatesSignedWith(key_id, since_text);
    if (!affected.ok()) return affected.error();
    Json ids = Json::array();
    for (const auto& id : *affected) ids.push_back(id);
    AppendAudit(store_.db(), now, actor, "key.compromise", key_id,
                already.empty() ? Json() : Json{{"compromisedAt", already}},
                Json{{"compromisedAt", since_text}, {"affectedCertificates", ids}});
    return Status::Ok();
  });
  if (!status.ok()) {
    store_.ReloadAfterRollback();
    return status.error();
  }
  return affected;
}

Result<Certificate> IssuerKeys::ReissueCertificate(const std::string& id, const Actor& actor) {
  Result<Certificate> result = Error::Internal("the re-issue did not run");
  Status status = store_.Write([&]() -> Status {
    auto old = queries_.GetCertificate(id);
    if (!old.ok()) return old.error();
    if (!old->revoked_at.empty()) {
      return Error::Refused("certificate " + id +
                            " is revoked; a revoked certificate is not "
                            "signed again");
    }
    if (!old->suspended_at.empty()) {
      return Error::Refused("certificate " + id + " is suspended; reinstate it first");
    }
    if (!old->superseded_by.empty()) {
      return Error::Refused("certificate " + id + " was renewed by " + old->superseded_by +
                            "; sign that one again if it needs it");
    }
    if (CurrentStatus(*old, store_.Now()) == CertificateStatus::kExpired) {
      return Error::Refused("certificate " + id + " has expired; there is nothing to sign again");
    }
    if (old->key_id == store_.settings().active_key_id) {
      return Error::Refused("certificate " + id + " is already signed with the active key " +
                            old->key_id);
    }
    auto revoked = lifecycle_.ChangeStatusInTransaction(
        id, StatusEventKind::kRevoked,
        "key compromise: signed again with key " + store_.settings().active_key_id, actor);
    if (!revoked.ok()) return revoked.error();
    IssueRequest request;
    request.initiative_slug = old->initiative_slug;
    request.programme_code = old->programme_code;
    request.valid_from = *ParseDateTimeStamp(old->valid_from);
    request.valid_until = *ParseDateTimeStamp(old->valid_until);
    request.level = old->level;
    request.assessed_on = old->assessed_on;
    request.assessor = old->assessor;
    request.board_decision_date = old->board_decision_date;
    request.board_decision_ref = old->board_decision_ref;
    result = lifecycle_.IssueInTransaction(request, id, actor,
                                           CertificateLifecycle::Succession::kReissue);
    return result.status();
  });
  if (!status.ok()) return status.error();
  return result;
}

Status IssuerKeys::CheckSigningKey() {
  if (Status s = store_.SigningKey().status(); !s.ok()) return s;
  return store_.log().CheckKey(store_.settings());
}

Result<std::vector<IssuerKeyRecord>> IssuerKeys::ListKeys() const {
  try {
    std::vector<IssuerKeyRecord> keys;
    SQLite::Statement query(
        store_.db(),
        "SELECT key_id, public_key_multibase, created_at, COALESCE(retired_at, ''), "
        "COALESCE(compromised_at, '') FROM issuer_keys ORDER BY created_at, key_id");
    while (query.executeStep()) {
      keys.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                      query.getColumn(2).getString(), query.getColumn(3).getString(),
                      query.getColumn(4).getString()});
    }
    return keys;
  } catch (const std::exception& e) {
    return Error::Io(std::string("cannot read the issuer keys: ") + e.what());
  }
}

namespace {

Result<std::vector<PublishedKey>> PublishedKeys(
    const Result<std::vector<IssuerKeyRecord>>& records) {
  if (!records.ok()) return records.error();
  std::vector<PublishedKey> keys;
  for (const IssuerKeyRecord& record : *records) {
    auto key = Ed25519PublicKey::FromMultikey(record.public_key_multibase);
    if (!key.ok())
      return Error::Internal("issuer key " + record.key_id + " is corrupt: " + key.message());
    std::optional<UnixSeconds> compromised;
    if (!record.compromised_at.empty()) compromised = *ParseDateTimeStamp(record.compromised_at);
    keys.push_back({record.key_id, std::move(key).value(), compromised});
  }
  return keys;
}

}  // namespace

Result<Json> IssuerKeys::DidDocument() const {
  auto keys = PublishedKeys(ListKeys());
  if (!keys.ok()) return keys.error();
  return BuildDidDocument(store_.settings().did, *keys);
}

Result<Json> IssuerKeys::Jwks() const {
  auto keys = PublishedKeys(ListKeys());
  if (!keys.ok()) return keys.error();
  return BuildJwks(store_.settings().did, *keys);
}

}  // namespace siegel
