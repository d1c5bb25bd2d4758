// Field checks shared by every write path (CLI and, later, the admin API).
#include "registry/validation.h"

#include <regex>

#include "base/jcs.h"
#include "base/timestamp.h"

namespace siegel {

Status ValidateSlug(const std::string& field, const std::string& value) {
  static const std::regex kSlug("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$");
  if (!std::regex_match(value, kSlug)) {
    return Error::InvalidInput(
               field + " \"" + value +
               "\" must be 2-63 lowercase letters, digits or inner hyphens, e.g. microtec-suedwest")
        .About(field, "slug", {value});
  }
  return Status::Ok();
}

namespace {

// The Unicode bidirectional formatting characters at byte `i` (UTF-8): ALM U+061C, LRM and RLM
// U+200E/F, the embeddings and overrides U+202A..E, the isolates U+2066..9.
bool IsBidiControl(const std::string& text, size_t i) {
  auto at = [&text](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (at(i) == 0xd8 && at(i + 1) == 0x9c) return true;
  if (at(i) != 0xe2 || i + 2 >= text.size()) return false;
  unsigned char b1 = at(i + 1), b2 = at(i + 2);
  return (b1 == 0x80 && (b2 == 0x8e || b2 == 0x8f || (b2 >= 0xaa && b2 <= 0xae))) ||
         (b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9);
}

Status CheckText(const std::string& field, const std::string& value, size_t max_chars,
                 bool required, bool multiline) {
  if (required && value.empty()) {
    return Error::InvalidInput(field + " must not be empty").About(field, "text_required");
  }
  if (value.size() > max_chars) {
    return Error::InvalidInput(field + " is longer than " + std::to_string(max_chars) + " bytes")
        .About(field, "text_too_long", {std::to_string(max_chars)});
  }
  if (!IsValidUtf8(value)) {
    return Error::InvalidInput(field + " is not valid UTF-8 text").About(field, "text_control");
  }
  for (unsigned char c : value) {
    bool allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
    if ((c < 0x20 || c == 0x7f) && !allowed_break) {
      return Error::InvalidInput(field + " contains a control character")
          .About(field, "text_control");
    }
  }
  for (size_t i = 0; i + 1 < value.size(); ++i) {
    auto b0 = static_cast<unsigned char>(value[i]), b1 = static_cast<unsigned char>(value[i + 1]);
    if (b0 == 0xc2 && b1 >= 0x80 && b1 <= 0x9f) {  // U+0080..U+009F
      return Error::InvalidInput(field + " contains a control character")
          .About(field, "text_control");
    }
    if (IsBidiControl(value, i)) {
      return Error::InvalidInput(field +
                                 " contains a character that reverses or isolates the direction "
                                 "of text (such as U+202E), which would make it read differently "
                                 "from what it says")
          .About(field, "text_control");
    }
  }
  return Status::Ok();
}

}  // namespace

Status ValidateText(const std::string& field, const std::string& value, size_t max_chars,
                    bool required) {
  return CheckText(field, value, max_chars, required, false);
}

Status ValidateMultilineText(const std::string& field, const std::string& value, size_t max_chars) {
  return CheckText(field, value, max_chars, false, true);
}

Status ValidateUrl(const std::string& field, const std::string& value) {
  if (value.empty()) return Status::Ok();
  static const std::regex kUrl(R"(^https?://[^\s/$.?#][^\s]*$)");
  if (!std::regex_match(value, kUrl) || !ValidateText(field, value, 2000, false).ok()) {
    return Error::InvalidInput(field + " \"" + value + "\" is not an http(s) URL")
        .About(field, "not_url", {value});
  }
  return Status::Ok();
}

Status ValidateDate(const std::string& field, const std::string& value) {
  if (value.empty()) return Status::Ok();
  static const std::regex kDate(R"(^\d{4}-\d{2}-\d{2}$)");
  if (!std::regex_match(value, kDate) || !ParseDateOrDateTime(value).ok()) {
    return Error::InvalidInput(field + " \"" + value + "\" is not a date such as 2026-03-15")
        .About(field, "not_date", {value});
  }
  return ValidatePlausibleTime(field, *ParseDateOrDateTime(value));
}

Status ValidatePlausibleTime(const std::string& field, UnixSeconds time) {
  static const UnixSeconds kFirst = *ParseDateOrDateTime("2000-01-01");
  static const UnixSeconds kEnd = *ParseDateOrDateTime("2100-01-01");
  if (time < kFirst || time >= kEnd) {
    return Error::InvalidInput(field + " " + FormatDateTimeStamp(time).substr(0, 10) +
                               " is not a plausible date: it must lie between 2000-01-01 and "
                               "2099-12-31")
        .About(field, "implausible_date", {FormatDateTimeStamp(time).substr(0, 10)});
  }
  return Status::Ok();
}

Status ValidateEmailAddress(const std::string& field, const std::string& value) {
  if (value.empty()) return Status::Ok();
  size_t at = value.find('@');
  bool ok = value.size() <= 254 && at != std::string::npos && at > 0 &&
            value.find('@', at + 1) == std::string::npos &&
            value.find('.', at + 2) != std::string::npos && value.back() != '.' &&
            value.find_first_of(" \t\r\n<>,;\"") == std::string::npos;
  if (!ok) {
    return Error::InvalidInput(field + " \"" + value +
                               "\" is not an e-mail address (name@example.org)")
        .About(field, "not_email", {value});
  }
  return Status::Ok();
}

}  // namespace siegel
