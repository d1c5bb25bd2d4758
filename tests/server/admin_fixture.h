// A running server with one staff account per role, made by the operator, and four eyes on:
// viewer vera, editor ed, issuers anna and ben, administrator ada. They chose English for the
// staff pages (a new account's pages are German; staff_language_test.cc reads those).
#pragma once

#include <fstream>
#include <sstream>

#include "registry/secret_token.h"
#include "tests/server/server_fixture.h"

namespace siegel::testing {

inline constexpr char kPassword[] = "correct horse 42";
inline const Actor kOperator{"cli:test", "cli:test", /*shell=*/true};

class AdminTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    for (const auto& [name, role] : {std::pair{"vera", Role::kViewer},
                                     {"ed", Role::kEditor},
                                     {"anna", Role::kIssuer},
                                     {"ben", Role::kIssuer},
                                     {"ada", Role::kAdmin}}) {
      StaffUser user;
      user.username = name;
      user.display_name = std::string(name) + " Example";
      user.role = role;
      user.language = "en";
      Status s = writer_->accounts().AddUser(user, kPassword, kOperator);
      ASSERT_TRUE(s.ok()) << s.message();
    }
    // The accounts are made; from now on, as in a new registry, four eyes holds.
    ASSERT_TRUE(writer_->accounts().SetFourEyes("ce-bw", true, kOperator).ok());
  }

  // A fresh session for `username`, as the sign-in form would start it.
  std::string Session(const std::string& username) {
    auto session = writer_->sessions().StartSession(username, 3600);
    EXPECT_TRUE(session.ok()) << session.message();
    return *session;
  }

  std::string Token(const std::string& username, Role role) {
    auto principal = writer_->sessions().SessionPrincipal(Session(username));
    EXPECT_TRUE(principal.ok());
    auto token = writer_->sessions().CreateApiToken("test " + username, role, writer_->Now() + 3600,
                                                    *principal);
    EXPECT_TRUE(token.ok()) << token.message();
    return token->token;
  }

  httplib::Result Send(const std::string& method, const std::string& path,
                       const httplib::Headers& headers, const std::string& body = "",
                       const std::string& type = "application/x-www-form-urlencoded") {
    if (method == "GET") return client_->Get(path.c_str(), headers);
    if (method == "PUT") return client_->Put(path.c_str(), headers, body, type.c_str());
    return client_->Post(path.c_str(), headers, body, type.c_str());
  }

  // Cookie-authenticated request with the session's CSRF token (header and form field).
  httplib::Result AsSession(const std::string& session, const std::string& method,
                            const std::string& path, std::string body = "",
                            const std::string& type = "application/x-www-form-urlencoded") {
    httplib::Headers headers = {{"Cookie", "siegel_session=" + session},
                                {"X-CSRF-Token", CsrfTokenFor(session)}};
    if (type == "application/x-www-form-urlencoded") {
      body += std::string(body.empty() ? "" : "&") + "csrf=" + CsrfTokenFor(session);
    }
    return Send(method, path, headers, body, type);
  }

  httplib::Result AsToken(const std::string& token, const std::string& method,
                          const std::string& path, const Json& body = Json::object()) {
    return Send(method, path, {{"Authorization", "Bearer " + token}},
                method == "GET" ? "" : body.dump(), "application/json");
  }

  std::string ReadAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

}  // namespace siegel::testing
