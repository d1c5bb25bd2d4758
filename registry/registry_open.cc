// Creating and opening a data directory.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "credential/did_document.h"
#include "registry/audit.h"
#include "registry/database.h"
#include "registry/registry.h"
#include "registry/status_publisher.h"
#include "registry/validation.h"

namespace siegel {
namespace {

constexpr char kDatabaseFile[] = "registry.db";

std::string TrimTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

Programme DefaultProgramme() {
  Programme p;
  p.code = "ce-bw";
  p.name_de = "Cluster-Exzellenz Baden-Württemberg";
  p.name_en = "Cluster Excellence Baden-Württemberg";
  p.description =
      "Qualitätslabel des Landes Baden-Württemberg für Clusterinitiativen und Landesnetzwerke mit "
      "exzellentem Clustermanagement, vergeben nach externer Begutachtung.";
  p.validity_months = 24;
  p.criteria_text =
      "Externe Begutachtung des Clustermanagements anhand der 31 Kriterien der European Cluster "
      "Excellence Initiative (ECEI) sowie Indikatoren zu nachhaltiger Finanzierung und "
      "Internationalisierung; Entscheidung durch den Beirat beim Ministerium.";
  p.assessor_default = "VDI/VDE Innovation + Technik GmbH";
  p.id_prefix = "CEBW";
  return p;
}

Registry::Registry(std::unique_ptr<RegistryStore> store) : store_(std::move(store)) {}

Registry::~Registry() = default;

Result<std::unique_ptr<Registry>> Registry::Create(const std::filesystem::path& dir,
                                                   const InitOptions& options) {
  std::string base_url = TrimTrailingSlash(options.base_url);
  auto did = DidWebFromBaseUrl(base_url);
  if (!did.ok()) return did.error();
  if (!options.allow_insecure_base_url) {
    if (Status s = CheckResolvableByDidWeb(base_url); !s.ok()) return s.error();
  }
  if (Status s = ValidateText("issuer name", options.issuer_name, 300, true); !s.ok())
    return s.error();
  std::string issuer_url = options.issuer_url.empty() ? base_url + "/" : options.issuer_url;
  if (Status s = ValidateUrl("issuer URL", issuer_url); !s.ok()) return s.error();

  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
    return Error::Refused("the data directory " + dir.string() +
                          " is not empty; refusing to overwrite it");
  }
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return Error::Io("cannot create the data directory " + dir.string() + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);

  auto db = OpenDatabase(dir / kDatabaseFile, /*create=*/true);
  if (!db.ok()) return db.error();
  if (Status s = MigrateDatabase(**db); !s.ok()) return s.error();
  if (options.status_list_ttl_seconds < 0 || options.status_list_ttl_seconds > 86400) {
    return Error::InvalidInput("the status lists' ttl must be 0 to 86400 seconds");
  }
  auto store = std::make_unique<RegistryStore>(
      dir, std::move(db).value(), /*read_only=*/false,
      RegistrySettings{base_url, *did, options.issuer_name, issuer_url, "key-1",
                       options.status_list_ttl_seconds});
  if (options.clock_for_testing) store->SetClock(options.clock_for_testing);
  auto created = store->key_files().Create("key-1", options.passphrase);
  if (!created.ok()) return created.error();
  // The key file is the registry's once the first write commits.
  store->RemoveUnlessCommitted(store->key_files().data_dir() / created->second);
  store->ActivateKeyInTransaction("key-1", created->first);
  std::unique_ptr<Registry> registry(new Registry(std::move(store)));
  std::string now = FormatDateTimeStamp(registry->Now());
  Actor system{"system:init"};
  Status written = registry->store().Write([&]() -> Status {
    SQLite::Database& db = registry->store().db();
    PutSetting(db, "base_url", base_url);
    PutSetting(db, "did", *did);
    PutSetting(db, "issuer_name", options.issuer_name);
    PutSetting(db, "issuer_url", issuer_url);
    PutSetting(db, "active_key_id", "key-1");
    PutSetting(db, "status_list_ttl", std::to_string(options.status_list_ttl_seconds));
    SQLite::Statement key(
        db,
        "INSERT INTO issuer_keys (key_id, public_key_multibase, private_key_file, created_at) "
        "VALUES (?, ?, ?, ?)");
    key.bind(1, "key-1");
    key.bind(2, created->first.public_key().Multikey());
    key.bind(3, created->second);
    key.bind(4, now);
    key.exec();
    AppendAudit(
        db, now, system, "registry.init", *did, Json(),
        Json{{"baseUrl", base_url}, {"issuerName", options.issuer_name}, {"keyId", "key-1"}});
    return Status::Ok();
  });
  if (!written.ok()) return written.error();
  if (Status s = registry->records().AddProgramme(DefaultProgramme(), system); !s.ok())
    return s.error();
  if (!options.four_eyes) {
    Status off = registry->store().Write(
        [&]() -> Status {
          registry->store().db().exec("UPDATE programmes SET four_eyes = 0");
          AppendAudit(registry->store().db(), now, system, "programme.four_eyes",
                      DefaultProgramme().code, Json{{"fourEyes", true}},
                      Json{{"fourEyes", false}, {"atInit", true}});
          return Status::Ok();
        },
        /*public_change=*/false);
    if (!off.ok()) return off.error();
  }
  return registry;
}

Result<std::unique_ptr<Registry>> Registry::Open(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir / kDatabaseFile, ec)) {
    return Error::NotFound("no registry in " + dir.string() +
                           " (create one with: siegel init --base-url URL --data " + dir.string() +
                           ")");
  }
  auto db = OpenDatabase(dir / kDatabaseFile, /*create=*/false);
  if (!db.ok()) return db.error();
  if (Status s = MigrateDatabase(**db); !s.ok()) return s.error();
  auto store = std::make_unique<RegistryStore>(dir, std::move(db).value(), /*read_only=*/false);
  if (Status s = store->LoadSettings(); !s.ok()) return s.error();
  return std::unique_ptr<Registry>(new Registry(std::move(store)));
}

Result<std::unique_ptr<Registry>> Registry::OpenReadOnly(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir / kDatabaseFile, ec)) {
    return Error::NotFound("no registry in " + dir.string());
  }
  auto db = OpenDatabaseReadOnly(dir / kDatabaseFile);
  if (!db.ok()) return db.error();
  auto store = std::make_unique<RegistryStore>(dir, std::move(db).value(), /*read_only=*/true);
  if (Status s = store->LoadSettings(); !s.ok()) return s.error();
  return std::unique_ptr<Registry>(new Registry(std::move(store)));
}

}  // namespace siegel
