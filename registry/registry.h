// The registry: one data directory (SQLite database + key files), opened once, and the
// services that work on it, each with its own contract (one header each): the certificates
// read, the status lists, programme and initiative records, the certificate lifecycle, the
// staff workflow, staff accounts, sessions, issuer keys and the transparency log. They share
// one store (registry_store.h): its connection and its write transaction, in which every
// change also appends to the audit trail and the log, so every public view changes at once.
// Not thread-safe: use one Registry per thread (each has its own connection).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/timestamp.h"
#include "registry/certificate_designs.h"
#include "registry/certificate_lifecycle.h"
#include "registry/certificate_queries.h"
#include "registry/initiative_notes.h"
#include "registry/issuer_keys.h"
#include "registry/log_reader.h"
#include "registry/mail_queue.h"
#include "registry/public_registry.h"
#include "registry/registry_records.h"
#include "registry/registry_store.h"
#include "registry/staff_accounts.h"
#include "registry/staff_sessions.h"
#include "registry/staff_workflow.h"
#include "registry/status_lists.h"

namespace siegel {

struct InitOptions {
  std::string base_url;  // public address, e.g. https://labels.example.org
  std::string issuer_name = "Ministerium für Wirtschaft, Arbeit und Tourismus Baden-Württemberg";
  std::string issuer_url;                 // defaults to base_url
  std::optional<std::string> passphrase;  // encrypts the issuer key file when set
  int64_t status_list_ttl_seconds = 60;   // see RegistrySettings
  // Programme ce-bw starts with four eyes on: an issuer proposes, another approves. Off, one
  // person may sign alone (siegel issue --without-four-eyes); switching it on later is one step,
  // switching it off again needs a second administrator.
  bool four_eyes = true;
  // A base URL that no standard did:web resolver can resolve (http://, an IP address,
  // localhost) is refused unless allowed here: for demo and test registries only.
  bool allow_insecure_base_url = false;
  // Tests start a registry at a time of their own; everything else uses the system clock.
  std::function<UnixSeconds()> clock_for_testing;
};

class Registry {
 public:
  // Creates a new data directory (refusing a non-empty one): database, first issuer key,
  // the default programme ce-bw and its empty, signed status lists.
  static Result<std::unique_ptr<Registry>> Create(const std::filesystem::path& dir,
                                                  const InitOptions& options);
  // Opens an existing data directory, migrating its schema if needed.
  static Result<std::unique_ptr<Registry>> Open(const std::filesystem::path& dir);
  // Opens an existing data directory only to read it, writing nothing at all: for a copy on
  // read-only media, a read-only mount or a full disk. Every write is refused. It sees the
  // registry as it was when opened, so it is for a registry no one writes meanwhile (and is
  // refused if a write-ahead log holds changes not yet in the database file).
  static Result<std::unique_ptr<Registry>> OpenReadOnly(const std::filesystem::path& dir);
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  bool read_only() const { return store_->read_only(); }
  const RegistrySettings& settings() const { return store_->settings(); }
  const std::filesystem::path& data_dir() const { return store_->dir(); }
  // Tests move time; everything else uses the system clock.
  void SetClockForTesting(std::function<UnixSeconds()> clock) {
    store_->SetClock(std::move(clock));
  }
  UnixSeconds Now() const { return store_->Now(); }

  // The services, each with its own contract in its own header.
  CertificateQueries& certificates() { return certificates_; }
  StatusLists& status_lists() { return status_lists_; }
  RegistryRecords& records() { return records_; }
  CertificateLifecycle& lifecycle() { return lifecycle_; }
  StaffWorkflow& workflow() { return workflow_; }
  StaffAccounts& accounts() { return accounts_; }
  StaffSessions& sessions() { return sessions_; }
  IssuerKeys& keys() { return keys_; }
  LogReader& log() { return log_; }
  CertificateDesigns& designs() { return designs_; }
  InitiativeNotes& notes() { return notes_; }
  MailQueue& mail() { return mail_; }
  // The integrity check and the write transaction every service shares.
  RegistryStore& store() { return *store_; }
  // What the public routes may use.
  const PublicRegistry& public_view() const { return public_view_; }

 private:
  explicit Registry(std::unique_ptr<RegistryStore> store);

  std::unique_ptr<RegistryStore> store_;
  CertificateQueries certificates_{*store_};
  RegistryRecords records_{*store_, certificates_};
  CertificateLifecycle lifecycle_{*store_, certificates_};
  IssuerKeys keys_{*store_, certificates_, lifecycle_};
  StatusLists status_lists_{*store_, keys_};
  StaffAccounts accounts_{*store_, certificates_};
  StaffSessions sessions_{*store_};
  StaffWorkflow workflow_{*store_, certificates_, lifecycle_, accounts_};
  LogReader log_{*store_, certificates_};
  OpenBadgeForms open_badge_forms_{*store_, certificates_};
  CertificateDesigns designs_{*store_};
  InitiativeNotes notes_{*store_, certificates_};
  MailQueue mail_{*store_, certificates_, workflow_};
  PublicRegistry public_view_{*store_, certificates_,     status_lists_, keys_,
                              log_,    open_badge_forms_, designs_};
};

// The programme every new registry starts with.
Programme DefaultProgramme();

}  // namespace siegel
