#include "server/admin/fields.h"

namespace siegel::admin {

Fields Fields::FromForm(const httplib::Request& req) {
  Fields fields;
  for (const auto& [name, value] : req.params) {
    if (name == "csrf") continue;
    fields.values_[name].push_back(value);
  }
  return fields;
}

Result<Fields> Fields::FromJson(const std::string& body) {
  auto json = ParseStrictJson(body);
  if (!json.ok()) return Error::InvalidInput("the body is not JSON: " + json.message());
  if (!json->is_object()) return Error::InvalidInput("the body must be a JSON object");
  Fields fields;
  for (const auto& [name, value] : json->items()) {
    auto& list = fields.values_[name];
    if (value.is_string()) {
      list.push_back(value.get<std::string>());
    } else if (value.is_boolean()) {
      list.push_back(value.get<bool>() ? "true" : "false");
    } else if (value.is_number_integer()) {
      list.push_back(std::to_string(value.get<int64_t>()));
    } else if (value.is_array()) {
      for (const Json& item : value) {
        if (!item.is_string()) {
          return Error::InvalidInput("\"" + name + "\" must be an array of strings");
        }
        list.push_back(item.get<std::string>());
      }
    } else if (!value.is_null()) {
      return Error::InvalidInput("\"" + name + "\" must be a string, a boolean or a whole number");
    }
  }
  return fields;
}

std::string Fields::Get(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? "" : it->second.front();
}

std::vector<std::string> Fields::List(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  std::vector<std::string> out;
  for (const auto& v : it->second) {
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

bool Fields::Flag(const std::string& name) const {
  std::string v = Get(name);
  return v == "1" || v == "true" || v == "on";
}

}  // namespace siegel::admin
