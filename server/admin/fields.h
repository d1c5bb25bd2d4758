// The input of a staff operation, from an HTML form or a JSON body alike, so that the page
// and the API run the same code with the same validation.
#pragma once

#include <httplib.h>

#include <map>
#include <string>
#include <vector>

#include "base/json_strict.h"

namespace siegel::admin {

class Fields {
 public:
  // application/x-www-form-urlencoded (or query) parameters; repeated names become lists.
  static Fields FromForm(const httplib::Request& req);
  // A JSON object of strings, booleans, numbers and arrays of strings.
  static Result<Fields> FromJson(const std::string& body);

  std::string Get(const std::string& name) const;
  std::vector<std::string> List(const std::string& name) const;
  bool Flag(const std::string& name) const;  // "1", "true", "on"

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace siegel::admin
