#pragma once
// Expected failures travel as values. Exceptions are for start-up failures and the
// last-resort catch around one request.
#include <string>
#include <utility>
#include <variant>

namespace ritme {

enum class ErrorCode {
    bad_request,
    unauthenticated,
    forbidden,
    not_found,
    conflict,
    payload_too_large,
    unsupported_media_type,
    validation_failed,
    rate_limited,
    precondition_failed,   // the item changed since the version the writer based the edit on
    insufficient_storage,  // the disk or the database is full: nothing was written
};

struct Error {
    ErrorCode code;
    std::string message;
    std::string field{};  // set only when one field is at fault
};

inline Error validation_error(std::string field, std::string message) {
    return Error{ErrorCode::validation_failed, std::move(message), std::move(field)};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Error error) : value_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return value_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(value_); }
    const T& value() const& { return std::get<0>(value_); }
    T&& value() && { return std::get<0>(std::move(value_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(value_); }

private:
    std::variant<T, Error> value_;
};

using Status = Result<std::monostate>;
inline Status ok_status() { return std::monostate{}; }

}  // namespace ritme

// Passes a failure on: evaluates a Status (or any Result) and, when it holds an error,
// returns that error from the enclosing function (which answers a Result of any kind).
//     RITME_TRY(validate_diary_entry(entry, today, catalogue));
#define RITME_TRY(...)                                                             \
    do {                                                                           \
        if (auto&& ritme_try_ = (__VA_ARGS__); !ritme_try_) return ritme_try_.error(); \
    } while (false)
