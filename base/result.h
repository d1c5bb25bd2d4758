// Error values for the whole core: a Status or a Result<T>, never an exception across modules.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace siegel {

// What kind of failure an error is; callers map it to an exit code or an HTTP status.
enum class ErrorCode {
  kInvalidInput,  // the caller's input is malformed or out of range
  kNotFound,      // the named thing does not exist
  kRefused,       // the input is fine but the operation is not allowed in this state
  kConflict,      // the thing already exists
  kIo,            // a file or the database could not be read or written
  kInternal,      // a bug or an unexpected library failure
  kDamaged,       // stored data failed its own check (a damaged disk, a hand edit)
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // one sentence a person can act on, no trailing period
  // Optional, for forms: the input the error is about (its label as the message names it,
  // "assessment end"), what kind of problem it is ("text_required") and the values the
  // sentence names besides the label, so that a page can say it beside the field and in the
  // reader's language. `message` stays the English sentence for the API and the CLI.
  std::string field;
  std::string problem;
  std::vector<std::string> values;

  static Error Make(ErrorCode c, std::string m) {
    Error e;
    e.code = c;
    e.message = std::move(m);
    return e;
  }

  Error About(std::string about_field, std::string kind, std::vector<std::string> named = {}) && {
    field = std::move(about_field);
    problem = std::move(kind);
    values = std::move(named);
    return std::move(*this);
  }

  static Error InvalidInput(std::string m) { return Make(ErrorCode::kInvalidInput, std::move(m)); }
  static Error NotFound(std::string m) { return Make(ErrorCode::kNotFound, std::move(m)); }
  static Error Refused(std::string m) { return Make(ErrorCode::kRefused, std::move(m)); }
  static Error Conflict(std::string m) { return Make(ErrorCode::kConflict, std::move(m)); }
  static Error Io(std::string m) { return Make(ErrorCode::kIo, std::move(m)); }
  static Error Internal(std::string m) { return Make(ErrorCode::kInternal, std::move(m)); }
  static Error Damaged(std::string m) { return Make(ErrorCode::kDamaged, std::move(m)); }
};

// Success, or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }
  const std::string& message() const { return error_->message; }

 private:
  std::optional<Error> error_;
};

// A value of type T, or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<Error>(state_); }
  const std::string& message() const { return error().message; }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace siegel
