// Ministry staff: roles, accounts, who is asking, staff changes awaiting approval, API tokens.
// What staff record and propose (assessments, proposals) is in registry/workflow.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "registry/model.h"
#include "registry/workflow.h"

namespace siegel {

// Each role includes the ones before it: an issuer may do what an editor may, and so on.
enum class Role { kViewer = 0, kEditor = 1, kIssuer = 2, kAdmin = 3 };

std::string RoleName(Role role);  // "viewer" | "editor" | "issuer" | "admin"
std::optional<Role> ParseRole(const std::string& name);
inline bool RoleAllows(Role held, Role needed) {
  return static_cast<int>(held) >= static_cast<int>(needed);
}

struct StaffUser {
  std::string username;  // "a.schmidt": lowercase letters, digits, '.', '_', '-'
  std::string display_name;
  Role role = Role::kViewer;
  std::string created_at;
  std::string password_changed_at;
  std::string disabled_at;  // empty while the account is active
  // The persons who made the account, gave it its current role and set its password: an
  // approval by an account the proposer controls in any of these ways is refused.
  std::string created_by;
  std::string role_granted_by;
  std::string password_set_by;
  // The language of the staff pages and of e-mails to this person: "de" (the default) or "en".
  std::string language = "de";
  std::string email;  // for reminders; may be empty
};

// "de" or "en", or nothing for anything else.
std::optional<std::string> ParseStaffLanguage(const std::string& code);

// Who is making an authenticated request: a signed-in user or an API token.
struct Principal {
  std::string username;    // the user, or the user who created the token
  std::string actor_name;  // for the audit trail: "admin:a.schmidt", "token:7:ci-export"
  Role role = Role::kViewer;
  bool via_token = false;
  std::string session_expires_at;  // sessions only
  std::string language = "de";     // the account's language for the staff pages
  // The human acting, when not the user: the operator holding a token made at the shell.
  std::string person;

  // The actor for the audit trail and the four-eyes rules: its person is the user, or whoever
  // holds the token.
  Actor actor() const { return Actor{actor_name, person.empty() ? username : person, false}; }
};

// A staff change that waits for a second administrator (four eyes): a new account with the
// role issuer or admin, a raised role, or four-eyes switched off for a programme.
struct StaffChange {
  int64_t id = 0;
  std::string kind;           // "user.add" | "user.role" | "programme.four_eyes_off"
  std::string subject;        // the username, or the programme's code
  Role role = Role::kViewer;  // user.add, user.role
  std::string display_name;   // user.add
  std::string proposed_by;    // a person (a username, or cli:USER)
  std::string proposed_at;
  std::string decision;  // "", "approved" or "rejected"
  std::string decided_by;
  std::string decided_at;
};

struct ApiTokenRecord {
  int64_t id = 0;
  std::string name;
  Role role = Role::kViewer;
  std::string created_by;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;
};

}  // namespace siegel
