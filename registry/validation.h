// Input checks at the registry's edge, each failing with a sentence that names the field.
#pragma once

#include <string>

#include "base/result.h"
#include "base/timestamp.h"
#include "registry/model.h"

namespace siegel {

// Lowercase letters, digits and inner hyphens, 2 to 63 characters ("microtec-suedwest").
Status ValidateSlug(const std::string& field, const std::string& value);

// Well-formed UTF-8 without control characters, at most `max_chars` bytes; non-empty if required.
Status ValidateText(const std::string& field, const std::string& value, size_t max_chars,
                    bool required);

// Like ValidateText, but line breaks and tabs are allowed (descriptions, narratives).
Status ValidateMultilineText(const std::string& field, const std::string& value, size_t max_chars);

// Empty, or an http(s) URL without spaces or control characters.
Status ValidateUrl(const std::string& field, const std::string& value);

// Empty, or a calendar date YYYY-MM-DD.
Status ValidateDate(const std::string& field, const std::string& value);

// Empty, or one address as people write it (name@host.tld, no spaces, at most 254 bytes).
Status ValidateEmailAddress(const std::string& field, const std::string& value);
// Dates a label registry can mean: from 2000 to the end of 2099. Earlier or later is a typing
// mistake (0000-01-01, 9999-12-31), refused with a sentence before it reaches the database.
Status ValidatePlausibleTime(const std::string& field, UnixSeconds time);

// Every field of an initiative: slug, name, lengths, website URL, technology fields.
Status ValidateInitiativeRecord(const Initiative& initiative);

}  // namespace siegel
