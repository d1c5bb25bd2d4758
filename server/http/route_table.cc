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
  return Entry{pattern.substr(0, literal), std::regex(pattern), route};
}

const RouteTable::Entry* RouteTable::Find(const std::vector<Entry>& entries,
                                          const std::string& path) {
  for (const Entry& entry : entries) {
    if (StartsWith(path, entry.literal_prefix) && std::regex_match(path, entry.pattern)) {
      return &entry;
    }
  }
  return nullptr;
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
  const Entry* entry = nullptr;
  if (method == "GET" || method == "HEAD") {
    entry = Find(get_, path);
  } else if (method == "POST") {
    entry = Find(post_, path);
  } else if (method == "PUT") {
    entry = Find(put_, path);
  } else if (method == "OPTIONS") {
    entry = Find(options_, path);
  }
  return entry != nullptr ? entry->route : RouteClass{Work::kQuick, kSmallBody};
}

bool IsStaffPath(std::string_view path) {
  return path == "/admin" || StartsWith(path, "/admin/") || StartsWith(path, "/api/v1/admin/");
}

}  // namespace siegel::http
