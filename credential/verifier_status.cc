// Status lists: verifying and keeping them, and what they say about one credential at one
// time. A list speaks only from its own date, and an offline copy only until its ttl and a
// day's grace have passed since it was last known to be current.
#include "credential/verifier_status.h"

#include <algorithm>

#include "credential/contexts.h"
#include "credential/data_integrity.h"
#include "credential/proof_set.h"
#include "credential/status_vocabulary.h"

namespace siegel {
namespace {

const std::vector<std::vector<std::string>>& StatusListContexts() {
  static const std::vector<std::vector<std::string>> kContexts = {{kCredentialsV2Context}};
  return kContexts;
}

// What one status entry says at `at`: the bit, or why it cannot be read; `as_of` is when
// that information is from.
Status LookUp(const StatusEntry& entry, const StatusListSource* statuses, UnixSeconds at, bool* bit,
              UnixSeconds* as_of, std::string* source) {
  if (statuses == nullptr) return Error::NotFound("no status list was available");
  auto found = statuses->Find(entry.list_url);
  if (!found.ok()) return found.error();
  const VerifiedStatusList& list = **found;
  if (std::find(list.purposes.begin(), list.purposes.end(), entry.purpose) == list.purposes.end()) {
    return Error::InvalidInput("status list " + entry.list_url + " is not for purpose " +
                               entry.purpose);
  }
  if (list.valid_until && at >= *list.valid_until) {
    return Error::InvalidInput("status list " + entry.list_url + " has expired");
  }
  if (entry.index >= list.bits.size()) {
    return Error::InvalidInput("statusListIndex is outside the status list");
  }
  if (at < list.valid_from) {
    if (list.live) {
      auto historic = statuses->BitAt(entry, at);
      if (!historic.ok()) return historic.error();
      *bit = *historic;
      *as_of = at;
      return Status::Ok();
    }
    return Error::InvalidInput("status list " + entry.list_url + " is from " +
                               FormatDateTimeStamp(list.valid_from) +
                               " and cannot tell the status at " + FormatDateTimeStamp(at) +
                               ": ask the registry's history (its API answers ?at=)");
  }
  if (!list.live) {
    int64_t ttl = list.ttl_seconds.value_or(0);
    if (at > list.current_as_of + ttl + kStatusListGraceSeconds) {
      return Error::InvalidInput(
          "status list " + entry.list_url + " is from " + FormatDateTimeStamp(list.current_as_of) +
          ", older than its ttl (" + std::to_string(ttl) +
          " s) and a day's grace allow: fetch a current one (siegel-verify --online)");
    }
  }
  *bit = list.bits.Get(entry.index);
  *as_of = list.live ? at : list.current_as_of;
  *source = list.source;
  return Status::Ok();
}

}  // namespace

Result<bool> StatusListSource::BitAt(const StatusEntry& entry, UnixSeconds) const {
  return Error::NotFound("status list " + entry.list_url + " keeps no history");
}

void EvaluateStatus(const Json& credential, const std::vector<StatusEntry>& entries,
                    const StatusListSource* statuses, UnixSeconds at, Pipeline& pipe) {
  // Authentic from here on: the claims may be shown.
  VerificationReport& report = pipe.report();
  report.verified = true;
  report.credential_id = StringMember(credential, "id");
  report.issuer = IssuerId(credential);
  report.valid_from = StringMember(credential, "validFrom");
  report.valid_until = StringMember(credential, "validUntil");
  bool revoked = false, suspended = false, unknown = false;
  std::string unknown_reason;
  for (const StatusEntry& entry : entries) {
    bool bit = false;
    UnixSeconds as_of = 0;
    std::string source;
    Status outcome = LookUp(entry, statuses, at, &bit, &as_of, &source);
    if (!outcome.ok()) {
      unknown = true;
      if (unknown_reason.empty())
        unknown_reason = entry.purpose + " status could not be checked: " + outcome.message();
      report.checks.push_back({entry.purpose, false, outcome.message()});
      continue;
    }
    if (!report.status_as_of || as_of < *report.status_as_of) report.status_as_of = as_of;
    if (!source.empty()) report.status_source = source;
    report.checks.push_back(
        {entry.purpose, !bit,
         (bit ? "set in the status list of " : "not set in the status list of ") +
             FormatDateTimeStamp(as_of)});
    if (bit && entry.purpose == PurposeName(StatusPurpose::kRevocation)) revoked = true;
    if (bit && entry.purpose == PurposeName(StatusPurpose::kSuspension)) suspended = true;
  }
  UnixSeconds from = *ParseDateTimeStamp(report.valid_from);
  std::optional<UnixSeconds> until;
  if (!report.valid_until.empty()) until = *ParseDateTimeStamp(report.valid_until);
  bool not_yet = at < from;
  bool expired = until && at >= *until;
  report.checks.push_back(
      {"validity", !not_yet && !expired,
       not_yet   ? "not valid before " + report.valid_from
       : expired ? "expired at " + report.valid_until
                 : "within " + report.valid_from + " – " +
                       (report.valid_until.empty() ? "open end" : report.valid_until)});
  if (revoked) {
    report.state = CredentialState::kRevoked;
  } else if (suspended) {
    report.state = CredentialState::kSuspended;
  } else if (not_yet) {
    report.state = CredentialState::kNotYetValid;
  } else if (expired) {
    report.state = CredentialState::kExpired;
  } else if (unknown) {
    report.state = CredentialState::kUnknown;
    report.reason = unknown_reason;
  } else {
    report.state = CredentialState::kValid;
  }
}

Result<std::pair<std::string, VerifiedStatusList>> VerifyStatusListCredential(
    const Json& credential, const TrustedIssuer& trust) {
  if (Status s = CheckPinnedContexts(credential, StatusListContexts()); !s.ok()) return s.error();
  const Json& type = credential.value("type", Json());
  if (!type.is_array() ||
      std::find(type.begin(), type.end(), "BitstringStatusListCredential") == type.end()) {
    return Error::InvalidInput(
        "the status list's type does not include BitstringStatusListCredential");
  }
  std::string id = StringMember(credential, "id");
  if (id.empty()) return Error::InvalidInput("the status list credential has no id");
  auto fail = [&id](const std::string& why) {
    return Error::InvalidInput("status list " + id + ": " + why);
  };
  auto proof = DescribeProofs(credential);
  if (!proof.ok()) return fail(proof.message());
  std::string issuer = IssuerId(credential);
  if (issuer != trust.did()) return fail("issued by " + issuer + ", not by " + trust.did());
  if (proof->verification_method.substr(0, proof->verification_method.find('#')) != issuer) {
    return fail("the signing key " + proof->verification_method + " is not the issuer's");
  }
  auto key = trust.ResolveAssertionMethod(proof->verification_method);
  if (!key.ok()) return fail(key.message());
  if ((*key)->revoked_at) {
    return fail("signed with " + proof->verification_method +
                ", which is marked compromised since " + FormatDateTimeStamp(*(*key)->revoked_at) +
                "; the registry's current lists are signed with a sound key");
  }
  if (Status s = VerifyProofs(credential, (*key)->key); !s.ok()) return fail(s.message());
  const Json& subject = credential.value("credentialSubject", Json());
  if (!subject.is_object() || subject.value("type", Json()) != "BitstringStatusList") {
    return fail("credentialSubject is not a BitstringStatusList");
  }
  VerifiedStatusList list;
  const Json& purposes = subject.value("statusPurpose", Json());
  if (purposes.is_string()) list.purposes.push_back(purposes.get<std::string>());
  if (purposes.is_array()) {
    for (const Json& p : purposes) {
      if (p.is_string()) list.purposes.push_back(p.get<std::string>());
    }
  }
  if (list.purposes.empty()) return fail("it names no statusPurpose");
  auto bits = DecodeStatusList(StringMember(subject, "encodedList"));
  if (!bits.ok()) return fail(bits.message());
  list.bits = std::move(bits).value();
  auto from = ParseDateTimeStamp(StringMember(credential, "validFrom"));
  if (!from.ok()) return fail("it has no validFrom date-time, so it cannot say when it speaks for");
  list.valid_from = list.current_as_of = *from;
  if (credential.contains("validUntil")) {
    auto until = ParseDateTimeStamp(StringMember(credential, "validUntil"));
    if (!until.ok()) return fail("validUntil is not a date-time");
    list.valid_until = *until;
  }
  if (subject.contains("ttl")) {
    const Json& ttl = subject["ttl"];
    if (!ttl.is_number_unsigned()) return fail("ttl is not a number of milliseconds");
    list.ttl_seconds = static_cast<int64_t>(ttl.get<uint64_t>() / 1000);
  }
  return std::make_pair(id, std::move(list));
}

Status StatusListSet::Add(std::string_view text, const TrustedIssuer& trust,
                          std::optional<UnixSeconds> current_as_of) {
  auto parsed = ParseStrictJson(text);
  if (!parsed.ok()) return parsed.error();
  auto verified = VerifyStatusListCredential(*parsed, trust);
  if (!verified.ok()) return verified.error();
  if (current_as_of) {
    verified->second.current_as_of = std::max(verified->second.valid_from, *current_as_of);
  }
  lists_[verified->first] = std::make_shared<const VerifiedStatusList>(std::move(verified->second));
  return Status::Ok();
}

Result<StatusListRef> StatusListSet::Find(const std::string& url) const {
  auto it = lists_.find(url);
  if (it == lists_.end()) return Error::NotFound("no status list " + url + " was given");
  return it->second;
}

}  // namespace siegel
