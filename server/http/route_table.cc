#include "server/http/route_table.h"

#include <cstring>

namespace siegel::http {
namespace {

// A thread answers one request at a time, so the route's name can live here.
thread_local const char* t_route = "unmatched";

httplib::Server::Handler Named(const char* name, httplib::Server::Handler handler) {
  return [name, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    t_route = name;
    handler(req, res);
  };
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

const char* CurrentRoute() { return t_route; }
void SetCurrentRoute(const char* route) { t_route = route; }

RouteTable::Entry RouteTable::MakeEntry(const std::string& pattern, RouteClass route) {
  size_t literal = 0;
  while (literal < pattern.size() && std::strchr("\\^$.|?*+()[]{}", pattern[literal]) == nullptr) {
    ++literal;
  }
  // A quantifier makes the character before it optional.
  if (literal > 0 && literal < pattern.size() && std::strchr("?*{", pattern[literal]) != nullptr) {
    --literal;
  }
  // An alternation outside any group gives no common prefix.
  int depth = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      literal = 0;
    }
  }
  bool exact = literal == pattern.size();
  return Entry{pattern.substr(0, literal), exact, std::regex(pattern), route};
}

RouteClass RouteTable::Choose(const std::vector<Entry>& entries, const std::string& path,
                              bool compare_body) {
  const RouteClass unmatched{Work::kQuick, kSmallBody};
  auto may_match = [&path](const Entry& entry) {
    return entry.exact ? path == entry.literal_prefix : StartsWith(path, entry.literal_prefix);
  };
  auto same = [compare_body](const RouteClass& a, const RouteClass& b) {
    return a.work == b.work && (!compare_body || a.max_body == b.max_body);
  };
  // When every route that might match, and no route at all, would be treated alike, which
  // one matches does not matter: no regular expression runs (the hot quick routes).
  bool alike = true;
  for (const Entry& entry : entries) {
    if (may_match(entry) && !same(entry.route, unmatched)) {
      alike = false;
      break;
    }
  }
  if (alike) return unmatched;
  for (const Entry& entry : entries) {
    if (may_match(entry) && (entry.exact || std::regex_match(path, entry.pattern))) {
      return entry.route;
    }
  }
  return unmatched;
}

void RouteTable::Get(const std::string& pattern, const char* name, Work work,
                     httplib::Server::Handler handler) {
  get_.push_back(MakeEntry(pattern, RouteClass{work, 0}));
  server_.Get(pattern, Named(name, std::move(handler)));
}

void RouteTable::Post(const std::string& pattern, const char* name, Work work, size_t max_body,
                      httplib::Server::Handler handler) {
  post_.push_back(MakeEntry(pattern, RouteClass{work, max_body}));
  server_.Post(pattern, Named(name, std::move(handler)));
}

void RouteTable::Put(const std::string& pattern, const char* name, Work work, size_t max_body,
                     httplib::Server::Handler handler) {
  put_.push_back(MakeEntry(pattern, RouteClass{work, max_body}));
  server_.Put(pattern, Named(name, std::move(handler)));
}

void RouteTable::Options(const std::string& pattern, const char* name, Work work,
                         httplib::Server::Handler handler) {
  options_.push_back(MakeEntry(pattern, RouteClass{work, 0}));
  server_.Options(pattern, Named(name, std::move(handler)));
}

RouteClass RouteTable::Classify(std::string_view method, const std::string& path) const {
  // Bodies are refused for methods that take none, so only their cost matters there.
  if (method == "GET" || method == "HEAD") return Choose(get_, path, false);
  if (method == "POST") return Choose(post_, path, true);
  if (method == "PUT") return Choose(put_, path, true);
  if (method == "OPTIONS") return Choose(options_, path, false);
  return RouteClass{Work::kQuick, kSmallBody};
}

bool IsStaffPath(std::string_view path) {
  return path == "/admin" || StartsWith(path, "/admin/") || StartsWith(path, "/api/v1/admin/");
}

}  // namespace siegel::http
