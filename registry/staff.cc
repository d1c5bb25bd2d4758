// Names of roles and revocation reasons as stored, sent and shown.
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

std::optional<Role> ParseRole(const std::string& name) {
  for (Role role : {Role::kViewer, Role::kEditor, Role::kIssuer, Role::kAdmin}) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

namespace {
constexpr RevocationReason kReasons[] = {
    RevocationReason::kAssessmentWithdrawn, RevocationReason::kInitiativeDissolved,
    RevocationReason::kIssuedInError, RevocationReason::kKeyCompromise, RevocationReason::kOther};
}  // namespace

std::string RevocationReasonCode(RevocationReason reason) {
  switch (reason) {
    case RevocationReason::kAssessmentWithdrawn:
      return "assessment_withdrawn";
    case RevocationReason::kInitiativeDissolved:
      return "initiative_dissolved";
    case RevocationReason::kIssuedInError:
      return "issued_in_error";
    case RevocationReason::kKeyCompromise:
      return "key_compromise";
    case RevocationReason::kOther:
      return "other";
  }
  return "other";
}

std::optional<RevocationReason> ParseRevocationReason(const std::string& code) {
  for (RevocationReason reason : kReasons) {
    if (RevocationReasonCode(reason) == code) return reason;
  }
  return std::nullopt;
}

std::string RevocationReasonText(RevocationReason reason) {
  std::string text = RevocationReasonCode(reason);
  for (char& c : text) {
    if (c == '_') c = ' ';
  }
  return text;
}

}  // namespace siegel
