// Staff accounts made as `siegel user add` and the form make them, without a language: their
// pages are German. issuer ida, editor emil, administrator gerda (besides AdminTest's English
// accounts).
#pragma once

#include <string>

#include "tests/server/admin_fixture.h"

namespace siegel::testing {

class StaffLanguageTest : public AdminTest {
 protected:
  void SetUp() override {
    AdminTest::SetUp();
    // Accounts made without a language, as `siegel user add` and the form make them (the
    // second administrator last: from then on the operator no longer gives roles alone).
    for (const auto& [name, role] :
         {std::pair{"ida", Role::kIssuer}, {"emil", Role::kEditor}, {"gerda", Role::kAdmin}}) {
      StaffUser user;
      user.username = name;
      user.display_name = std::string(name) + " Beispiel";
      user.role = role;
      Status s = writer_->accounts().AddUser(user, kPassword, kOperator);
      ASSERT_TRUE(s.ok()) << s.message();
    }
  }

  static bool Has(const httplib::Result& res, const std::string& text) {
    return res && res->body.find(text) != std::string::npos;
  }

  httplib::Result SignIn(const std::string& username, const std::string& password) {
    return client_->Post("/admin/sign-in",
                         "username=" + username + "&password=" + UrlEncodeForTest(password),
                         "application/x-www-form-urlencoded");
  }

  static std::string UrlEncodeForTest(const std::string& text) {
    std::string out;
    for (char c : text) out += c == ' ' ? std::string("+") : std::string(1, c);
    return out;
  }
};

}  // namespace siegel::testing
