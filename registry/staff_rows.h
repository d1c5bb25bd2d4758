// How a staff account is read from the users table, for the accounts and the sessions.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/staff.h"

namespace siegel {

#define SIEGEL_USER_COLUMNS                                                                    \
  "username, display_name, role, created_at, password_changed_at, COALESCE(disabled_at, ''), " \
  "created_by, role_granted_by, password_set_by, language, email"

// The number of columns SIEGEL_USER_COLUMNS names: the next one's index.
constexpr int kUserColumnCount = 11;

inline StaffUser ReadUser(SQLite::Statement& q) {
  StaffUser u;
  u.username = q.getColumn(0).getString();
  u.display_name = q.getColumn(1).getString();
  u.role = ParseRole(q.getColumn(2).getString()).value_or(Role::kViewer);
  u.created_at = q.getColumn(3).getString();
  u.password_changed_at = q.getColumn(4).getString();
  u.disabled_at = q.getColumn(5).getString();
  u.created_by = q.getColumn(6).getString();
  u.role_granted_by = q.getColumn(7).getString();
  u.password_set_by = q.getColumn(8).getString();
  u.language = q.getColumn(9).getString();
  u.email = q.getColumn(10).getString();
  return u;
}

}  // namespace siegel
