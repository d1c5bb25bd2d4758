// The registry's domain records, as stored and as shown. Times are dateTimeStamps in UTC.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "credential/status_vocabulary.h"

namespace siegel {

// Who makes a change, for the audit trail, the history and the four-eyes rules.
struct Actor {
  Actor() = default;
  Actor(std::string name, std::string person = "", bool shell = false)  // NOLINT: {"name"}
      : name(std::move(name)), person(std::move(person)), shell(shell) {}

  std::string name;    // as the audit trail names it: "admin:a.schmidt", "token:7:ci:a.schmidt"
  std::string person;  // the human behind it: the username (a token's creator), or "cli:USER"
  bool shell = false;  // the registry's operator at the command line
  // The person for the four-eyes rules (the name when no person is given).
  const std::string& who() const { return person.empty() ? name : person; }
};

struct RegistrySettings {
  std::string base_url;     // "https://labels.example.org", no trailing slash
  std::string did;          // did:web derived from base_url
  std::string issuer_name;  // the ministry
  std::string issuer_url;
  std::string active_key_id;
  // How long a copy of a status list may be used without fetching it again: the lists' ttl
  // and their Cache-Control max-age.
  int64_t status_list_ttl_seconds = 60;
};

struct Programme {
  std::string code;  // "ce-bw"
  std::string name_de;
  std::string name_en;
  std::string description;
  int validity_months = 24;
  std::string criteria_text;
  std::string criteria_url;
  std::string assessor_default;
  std::string id_prefix;            // "CEBW"
  std::vector<std::string> levels;  // optional, e.g. bronze, silver, gold
};

enum class InitiativeKind { kClusterInitiative, kStateNetwork };

struct Initiative {
  std::string slug;
  std::string name;
  std::string legal_entity;
  InitiativeKind kind = InitiativeKind::kClusterInitiative;
  std::string region;
  std::vector<std::string> technology_fields;
  std::string website;
  std::string management_organisation;
  std::string description;
  // The initiative's contact for reminders and notices: staff-only, never published.
  std::string contact_email;
  std::string created_at;
  std::string updated_at;
};

std::string KindName(InitiativeKind kind);  // "cluster_initiative" | "state_network"

struct Certificate {
  std::string id;  // "CEBW-2026-0007"
  std::string initiative_slug;
  std::string programme_code;
  std::string level;
  std::string assessed_on;  // date
  std::string assessor;
  std::string board_decision_date;
  std::string board_decision_ref;
  std::string valid_from;
  std::string valid_until;
  std::string issued_at;
  std::string issued_by;
  std::string supersedes;     // the certificate this one renews, or empty
  std::string superseded_by;  // derived: the renewal of this one, or empty
  uint64_t revocation_index = 0;
  uint64_t suspension_index = 0;
  std::string revoked_at, revocation_reason;
  std::string suspended_at, suspension_reason;
  std::string key_id;
  std::string credential_json;  // the signed credential exactly as issued
  std::string credential_jws;   // the same credential as vc+jwt
};

// CertificateStatus, StatusPurpose and StatusEventKind: credential/status_vocabulary.h.

struct StatusEvent {
  std::string certificate_id;
  std::string event;  // issued | suspended | reinstated | revoked
  std::string at;
  std::string reason;
  std::string actor;
};

struct IssuerKeyRecord {
  std::string key_id;
  std::string public_key_multibase;
  std::string created_at;
  std::string retired_at;
  std::string compromised_at;
};

}  // namespace siegel
