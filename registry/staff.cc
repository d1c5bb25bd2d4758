// Names of roles as stored, sent and shown.
#include "registry/staff.h"

namespace siegel {

std::string RoleName(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kEditor:
      return "editor";
    case Role::kIssuer:
      return "issuer";
    case Role::kAdmin:
      return "admin";
  }
  return "viewer";
}

std::optional<std::string> ParseStaffLanguage(const std::string& code) {
  if (code == "de" || code == "en") return code;
  return std::nullopt;
}

std::optional<Role> ParseRole(const std::string& name) {
  for (Role role : {Role::kViewer, Role::kEditor, Role::kIssuer, Role::kAdmin}) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace siegel
