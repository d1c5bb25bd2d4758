// The registry: one data directory (SQLite database + key files) and every operation on it.
// Each write is one IMMEDIATE transaction that also appends to the audit trail and, where a
// status changes, re-signs the status lists, so every public view changes at once.
// Not thread-safe: use one Registry per thread (each has its own connection).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "credential/ed25519.h"
#include "credential/json_strict.h"
#include "credential/timestamp.h"
#include "credential/verifier.h"
#include "registry/change_signal.h"
#include "registry/key_store.h"
#include "registry/log_store.h"
#include "registry/model.h"
#include "registry/staff.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

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
  // Tests start a registry at a time of their own; everything else uses the system clock.
  std::function<UnixSeconds()> clock_for_testing;
};

struct IssueRequest {
  std::string initiative_slug;
  std::string programme_code = "ce-bw";
  std::optional<UnixSeconds> valid_from;   // default: today, 00:00 UTC
  std::optional<UnixSeconds> valid_until;  // default: valid_from + the programme's months
  std::string level;
  std::string assessed_on;  // YYYY-MM-DD
  std::string assessor;     // default: the programme's default assessor
  std::string board_decision_date;
  std::string board_decision_ref;
};

// A validity period; an open bound takes the issuance default.
struct ValidityPeriod {
  std::optional<UnixSeconds> from;
  std::optional<UnixSeconds> until;
};

struct RenewRequest {
  std::optional<UnixSeconds> valid_from;  // default: seamless from the old certificate's end
  std::optional<UnixSeconds> valid_until;
  std::optional<std::string> level;  // default: the old certificate's level
  std::string assessed_on;
  std::string assessor;
  std::string board_decision_date;
  std::string board_decision_ref;
};

// The highest page a certificate search accepts.
constexpr int64_t kMaxPage = 1000000;

// One page of a certificate search: summaries without the credential bodies.
struct CertificateQuery {
  std::string status;  // valid | expired | not_yet_valid | suspended | revoked, at `at`
  std::string programme;
  std::string initiative;
  std::string region;
  std::string sector;  // a technology field, matched exactly
  std::string text;    // in the id, the initiative's name or its legal entity
  int64_t page = 1;    // 1-based
  int64_t per_page = 50;
  // The moment the status is judged at (and filtered by), from the status history; 0: now.
  UnixSeconds at = 0;
};

struct CertificateSummary {
  Certificate certificate;  // credential_json and credential_jws left empty
  std::string initiative_name;
  CertificateStatus status = CertificateStatus::kValid;
};

// A certificate as the open data shows it: the summary and the holder's public details.
struct PublicRecord {
  CertificateSummary summary;
  std::string legal_entity;
  std::string region;
  std::vector<std::string> technology_fields;
};

// A filter over the audit trail; empty fields match everything.
struct AuditFilter {
  std::string actor;    // substring of the actor ("a.schmidt" finds "admin:a.schmidt")
  std::string action;   // prefix ("certificate." finds every certificate action)
  std::string subject;  // exact: a certificate id, a slug, a username
  std::string from;     // YYYY-MM-DD, inclusive
  std::string to;       // YYYY-MM-DD, inclusive
  int64_t limit = 200;
  int64_t offset = 0;
};

struct AuditRecord {
  int64_t seq = 0;
  std::string at;
  std::string actor;
  std::string action;
  std::string subject;
  std::string before_json;  // empty when the action created something
  std::string after_json;
};

// A new API token: the secret exists only in this value and is never stored.
struct NewApiToken {
  ApiTokenRecord record;
  std::string token;
};

struct CertificatePage {
  std::vector<CertificateSummary> items;
  int64_t total = 0;
};

// Beside the database while a check has found it damaged (Registry::CheckIntegrity).
inline constexpr const char* kDamageMarkerFile = "registry.damaged";

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
  bool read_only() const { return read_only_; }
  ~Registry();

  const RegistrySettings& settings() const { return settings_; }
  const std::filesystem::path& data_dir() const { return dir_; }
  // Only for bench/log_bench, which measures what the log costs: writes skip the log.
  void DisableTransparencyLogForBenchmark() { log_enabled_ = false; }

  // Tests move time; everything else uses the system clock.
  void SetClockForTesting(std::function<UnixSeconds()> clock) { clock_ = std::move(clock); }
  UnixSeconds Now() const { return clock_(); }

  // Reads.
  Result<int64_t> Generation() const;  // changes with every committed write, from any process
  // The change counter (registry/change_signal.h): moves right after every commit that moves
  // Generation(), and is read from memory. nullopt if this process could not map it; then
  // only Generation() tells.
  std::optional<uint64_t> ChangeCount() const;
  Result<std::vector<Programme>> ListProgrammes() const;
  Result<Programme> GetProgramme(const std::string& code) const;
  Result<std::vector<Initiative>> ListInitiatives() const;
  Result<Initiative> GetInitiative(const std::string& slug) const;
  Result<Certificate> GetCertificate(const std::string& id) const;
  // The one certificate search (the public pages, the API, siegel list): filtered,
  // paginated, ordered by issue time then id (stable across pages).
  Result<CertificatePage> SearchCertificates(const CertificateQuery& query) const;
  // Every certificate with its holder, in issue order, one at a time and all from one
  // snapshot of the registry (one statement): for exports, whose memory must not grow with
  // the registry. Stops at the first error `visit` returns.
  Status ForEachPublicRecord(const std::function<Status(const PublicRecord&)>& visit) const;
  // How many certificates are in each status now.
  Result<std::map<std::string, int64_t>> CountByStatus() const;
  // How many initiatives hold at least one valid certificate now.
  Result<int64_t> CountInitiativesWithValidLabel() const;
  // The first moment after `after` at which some certificate's status changes by the clock
  // alone (a validity begins or ends), or INT64_MAX if none will: until then, and while the
  // generation stands, every registry-wide answer stays true.
  Result<UnixSeconds> NextStatusChange(UnixSeconds after) const;
  Result<std::vector<StatusEvent>> StatusHistory(const std::string& id) const;
  // The newest status events of all certificates, newest first, with the holder's name.
  struct EventRow {
    int64_t seq;
    StatusEvent event;
    std::string supersedes;
    std::string initiative_slug;
    std::string initiative_name;
  };
  Result<std::vector<EventRow>> LatestEvents(int limit) const;
  Result<CertificateStatus> StatusOf(const std::string& id, UnixSeconds at) const;
  // The certificate at `index` of the programme's revocation or suspension list; NotFound if
  // the index was never given out.
  Result<std::string> CertificateAtStatusIndex(const std::string& programme,
                                               const std::string& purpose, uint64_t index) const;
  Result<std::vector<IssuerKeyRecord>> ListKeys() const;
  Result<Json> DidDocument() const;
  // Reads every page of the database (PRAGMA quick_check). Damage found is remembered in
  // kDamageMarkerFile beside it (unless read-only), and from then on every write is refused
  // with what was found, until a check finds the database sound again (after a restore).
  Status CheckIntegrity();
  // What the last check that found damage found ("TIME what"), if the database is known
  // damaged.
  std::optional<std::string> KnownDamage() const;
  // Loads the active signing key and the log key: Refused if a file is readable by others,
  // or if it is encrypted and SIEGEL_KEY_PASSPHRASE is not set or wrong.
  Status CheckSigningKey();
  Result<Json> Jwks() const;
  // The stored status list, or, where it no longer verifies with the registry's keys, the
  // list signed again from the status records (audited as status_list.repair).
  Result<std::string> SoundStatusListCredential(const std::string& programme,
                                                const std::string& purpose);
  // The signed BitstringStatusListCredential, as stored.
  Result<std::string> StatusListCredential(const std::string& programme,
                                           const std::string& purpose) const;

  // Writes.
  Status AddProgramme(const Programme& programme, const Actor& actor);
  Status AddInitiative(const Initiative& initiative, const Actor& actor);
  // Issue and Renew sign on one person's word: only for a programme with four eyes off (the
  // audit record names that person). Otherwise Propose, and a second issuer approves.
  Result<Certificate> Issue(const IssueRequest& request, const Actor& actor);
  Result<Certificate> Renew(const std::string& id, const RenewRequest& request, const Actor& actor);
  Result<Certificate> Suspend(const std::string& id, const std::string& reason, const Actor& actor);
  // The reason is optional here (the CLI); the staff pages and API require one.
  Result<Certificate> Reinstate(const std::string& id, const Actor& actor,
                                const std::string& reason = "");
  Result<Certificate> Revoke(const std::string& id, const std::string& reason, const Actor& actor);
  // Signs again, with today's date, every status list signed `older_than_seconds` ago or
  // earlier, so that a list saved for offline use speaks for the present (a list speaks only
  // from its own date). Returns how many were signed.
  Result<int> RefreshStatusLists(int64_t older_than_seconds);

  // Staff accounts, sessions and API tokens (registry_staff.cc). None of these changes the
  // public registry, so none of them invalidates the server's publication cache.
  Status AddUser(const StaffUser& user, const std::string& password, const Actor& actor);
  Status DisableUser(const std::string& username, const Actor& actor);
  // Four eyes on the staff side (staff_changes.cc): while any programme requires four eyes,
  // an account with the role issuer or admin, a raised role and four-eyes switched off need a
  // second administrator. Only the registry's operator at the shell, while the registry has
  // fewer than two active administrators, gives such roles directly (setting up).
  // AddUser, ChangeRole and SetFourEyes refuse what needs a proposal, saying so.
  Result<StaffChange> ProposeStaffChange(const StaffChange& change, const std::string& password,
                                         const Actor& actor);
  // Carries out an open change. Refused when the approver is the proposer, or an account the
  // proposer created, gave its role or set the password of; the approver must be an active
  // administrator (or the operator at the shell). The audit trail names both people.
  Result<StaffChange> ApproveStaffChange(int64_t id, const Actor& approver);
  Status RejectStaffChange(int64_t id, const Actor& actor);
  Result<StaffChange> GetStaffChange(int64_t id) const;
  Result<std::vector<StaffChange>> ListStaffChanges(bool open_only) const;
  // A lower role is given at once; a higher one as AddUser says. Ends the user's API tokens.
  Status ChangeRole(const std::string& username, Role role, const Actor& actor);
  // Makes the account, or, where its role needs a second administrator, records the staff
  // change and answers it (nothing is made until another administrator approves).
  Result<std::optional<StaffChange>> AddUserOrPropose(const StaffUser& user,
                                                      const std::string& password,
                                                      const Actor& actor);
  // Whether any programme requires four eyes.
  Result<bool> FourEyesActive() const;
  // Whether giving `role` (to a new account or by raising one) needs a staff change proposal.
  Result<bool> RoleNeedsSecondAdministrator(Role role, const Actor& actor) const;

  // Sets a new password and ends every session and API token of the user.
  Status ResetPassword(const std::string& username, const std::string& password,
                       const Actor& actor);
  Result<std::vector<StaffUser>> ListUsers() const;
  Result<StaffUser> GetUser(const std::string& username) const;
  // The active user with this password. One message for unknown user, disabled user and wrong
  // password, so the answer does not reveal which accounts exist.
  Result<StaffUser> CheckPassword(const std::string& username, const std::string& password) const;
  // Starts a session for a user whose password was checked; returns the cookie value.
  Result<std::string> StartSession(const std::string& username, int64_t lifetime_seconds);
  // The principal of a live session (not ended, not expired, user active, started after the
  // last password change); NotFound otherwise.
  Result<Principal> SessionPrincipal(const std::string& session_token) const;
  Status EndSession(const std::string& session_token);
  // A token with at most the creator's role; the secret is returned once.
  Result<NewApiToken> CreateApiToken(const std::string& name, Role role, UnixSeconds expires_at,
                                     const Principal& creator);
  Result<Principal> TokenPrincipal(const std::string& token) const;
  Result<std::vector<ApiTokenRecord>> ListApiTokens() const;
  Status RevokeApiToken(int64_t id, const Actor& actor);

  // The staff workflow (registry_workflow.cc): edits, assessments, four-eyes proposals.
  // Replaces an initiative's fields (the slug stays); the audit trail keeps before and after.
  Status UpdateInitiative(const Initiative& initiative, const Actor& actor);
  Result<Assessment> RecordAssessment(const Assessment& assessment, const Actor& actor);
  Result<Assessment> GetAssessment(int64_t id) const;
  Result<std::vector<Assessment>> ListAssessments(const std::string& initiative_slug) const;
  // `proposal.proposed_by` is the proposing user. Checks everything issuance would check.
  Result<Proposal> Propose(const Proposal& proposal, const Actor& actor);
  Result<Proposal> GetProposal(int64_t id) const;
  Result<std::vector<Proposal>> ListProposals(bool open_only) const;
  // Signs the certificate of an open proposal, in the same transaction. Refused when
  // `approver` proposed it and the programme requires four eyes.
  Result<Certificate> ApproveProposal(int64_t id, const std::string& approver, const Actor& actor);
  Status RejectProposal(int64_t id, const std::string& decider, const std::string& note,
                        const Actor& actor);
  Status SetFourEyes(const std::string& programme_code, bool required, const Actor& actor);
  Result<bool> FourEyesRequired(const std::string& programme_code) const;
  // Certificates valid now whose validity ends within `days` days, soonest first.
  Result<std::vector<CertificateSummary>> ExpiringCertificates(int days) const;
  Result<std::vector<AuditRecord>> AuditLog(const AuditFilter& filter) const;

  // Issuer keys (registry_keys.cc).
  // A new key signs from now on; the old one is retired but stays published, so what it
  // signed still verifies. The status lists are re-signed with the new key.
  Result<IssuerKeyRecord> RotateKey(const Actor& actor);
  // Marks a key compromised since `since` (not in the future, not before the key existed):
  // what it signed from then on fails verification everywhere. An active key is replaced by
  // a new one first, in the same transaction. Returns the affected certificates.
  Result<std::vector<std::string>> MarkKeyCompromised(const std::string& key_id, UnixSeconds since,
                                                      const Actor& actor);
  // Certificates (not revoked) signed with `key_id` at or after `since` (dateTimeStamp).
  Result<std::vector<std::string>> CertificatesSignedWith(const std::string& key_id,
                                                          const std::string& since) const;
  // Signs certificate `id` again with the active key: a new certificate with the same holder,
  // programme, assessment and validity that supersedes it; the old one is revoked for key
  // compromise in the same transaction.
  Result<Certificate> ReissueCertificate(const std::string& id, const Actor& actor);

  // The transparency log (registry_log.cc). Every public change is in it when it commits.
  // The current tree head, signed with the log key (deterministic: the same tree always
  // gives the same note); NotFound before the first entry.
  Result<LogHead> LogCheckpoint();
  Result<std::string> LogKey() const;  // the C2SP verifier key of the log
  // Entries [start, end), at most 1,000 at a time.
  Result<std::vector<LogEntry>> LogEntries(uint64_t start, uint64_t end) const;
  Result<std::vector<LogEntry>> LogEntriesOf(const std::string& certificate_id) const;
  // What a verifier compares a credential with: the digests of the certificate's stored
  // credential and JWS, and when the log took in its issuance. NotFound for an unknown id.
  Result<IssuanceRecord> IssuanceRecordOf(const std::string& certificate_id) const;
  Result<uint64_t> LogIndexOf(const merkle::Hash& leaf_hash) const;
  Result<std::vector<merkle::Hash>> LogInclusionProof(uint64_t index, uint64_t size) const;
  Result<std::vector<merkle::Hash>> LogConsistencyProof(uint64_t from, uint64_t to) const;

 private:
  std::string DamageMessage(const std::string& finding) const;
  Registry(std::filesystem::path dir, std::unique_ptr<SQLite::Database> db, bool read_only = false);
  Status LoadSettings();
  Result<Ed25519PrivateKey> SigningKey();
  // Runs `body` in one IMMEDIATE transaction that bumps the generation (unless the change
  // is invisible to the public, as sessions are); rolls back on error.
  Status Write(const std::function<Status()>& body, bool public_change = true);
  // SearchCertificates for a past moment (query.at): statuses from the history.
  Result<CertificatePage> SearchAt(const CertificateQuery& query) const;
  // The *InTransaction steps run inside Write's transaction (and only there): they read and
  // write without a transaction of their own, and their changes commit or roll back with it.
  Result<Certificate> RenewInTransaction(const std::string& id, const RenewRequest& request,
                                         const Actor& actor);
  Status CheckOnePersonMaySign(const std::string& programme_code, const std::string& what) const;
  void RecordSignedAlone(const Certificate& certificate, const Actor& actor);
  // `reissue`: a copy signed with a new key (recorded as such), not a renewal.
  Result<Certificate> IssueInTransaction(const IssueRequest& request, const std::string& supersedes,
                                         const Actor& actor, bool reissue = false);
  Result<Certificate> ChangeStatus(const std::string& id, const std::string& event,
                                   const std::string& reason, const Actor& actor);
  // Issues (or, for a renewal, renews) what an approved proposal describes.
  Result<Certificate> SignProposalInTransaction(const Proposal& proposal,
                                                const Assessment& assessment,
                                                const ValidityPeriod& period, const Actor& actor);
  Result<IssuerKeyRecord> RotateKeyInTransaction(const std::string& now, const Actor& actor);
  Result<Certificate> ChangeStatusInTransaction(const std::string& id, const std::string& event,
                                                const std::string& reason, const Actor& actor);
  // Inside a write: whether `actor` may give `role` without a second administrator.
  Status CheckRoleMayBeGivenDirectly(Role role, const Actor& actor) const;
  int EndTokensOf(const std::string& username, const std::string& now);
  void InsertUser(const StaffUser& user, const std::string& password_hash, const std::string& by,
                  const std::string& now);
  // Inside a write: refuses an approval by `approver` of what `proposer` proposed.
  Status CheckSecondPerson(const std::string& proposer, const Actor& approver, Role needed);

  std::filesystem::path dir_;
  std::unique_ptr<SQLite::Database> db_;
  KeyStore keys_;
  // Key files written inside the current write transaction: removed unless it commits.
  std::vector<std::filesystem::path> uncommitted_key_files_;
  TransparencyLog log_{*db_, keys_};
  bool log_enabled_ = true;
  bool read_only_ = false;
  RegistrySettings settings_;
  std::optional<Ed25519PrivateKey> signing_key_;
  mutable std::unique_ptr<SQLite::Statement> generation_query_;  // prepared once: read per request
  std::shared_ptr<ChangeSignal> change_signal_;                  // null if it could not be mapped
  std::function<UnixSeconds()> clock_ = NowUnixSeconds;
};

// The programme every new registry starts with.
Programme DefaultProgramme();

}  // namespace siegel
