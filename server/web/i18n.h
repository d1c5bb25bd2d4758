// German and English: the page strings, status wording and date conventions.
#pragma once

#include <httplib.h>

#include <mstch/mstch.hpp>
#include <string>

#include "registry/model.h"

namespace siegel::web {

enum class Language { kGerman, kEnglish };

// ?lang= first, then Accept-Language (whichever of de and en comes first), then German.
Language ChooseLanguage(const httplib::Request& req);
std::string LanguageCode(Language language);  // "de" | "en"

// Every page string, as the "t" object of the templates.
// The staff pages' strings (keys "a_...") only when asked: public pages render often.
mstch::map Strings(Language language, bool with_staff = false);
std::string Text(Language language, const std::string& key);

// The programme's name in the reader's language.
std::string ProgrammeName(const Programme& programme, Language language);
// A technology field of the registry's vocabulary (stored in English) in `language`; any other
// wording as it was recorded.
std::string TechnologyFieldName(const std::string& field, Language language);
// A region of the controlled list (registry/regions.h, stored in German) in `language`; any
// other region as recorded.
std::string RegionName(const std::string& region, Language language);

// "15.03.2027" in German, "15 March 2027" in English, from a date or date-time (a date-time
// by Berlin's calendar, server/web/local_time.h).
std::string FormatDate(Language language, const std::string& date_time);
// A revocation's recorded reason with its standard wording ("issued in error: …", see
// registry/workflow.h) in `language`; the note after it, and any other reason, as recorded.
std::string ReasonInWords(Language language, const std::string& reason);
// "15. März 2027" in German, "15 March 2027" in English: for the printed certificate.
std::string FormatLongDate(Language language, const std::string& date_time);
// The same with the time of day in Berlin and the zone named: "15.03.2027, 10:15 MEZ",
// "15 March 2027, 10:15 CET".
std::string FormatDateTime(Language language, const std::string& date_time);

// A status in words and a symbol, so it is never conveyed by colour alone.
struct StatusWords {
  std::string css;      // "valid", "revoked", … (also "unknown", "invalid")
  std::string symbol;   // ✔ ✖ ⏸ ⌛ …
  std::string label;    // "Gültig" / "Valid"
  std::string meaning;  // one sentence for a visitor
};
StatusWords WordsFor(Language language, const std::string& status);

// Escapes & < > " ' / for HTML text and quoted attributes (the same set mstch escapes), for
// the few strings we assemble ourselves (the QR code's label, the embed snippet).
std::string HtmlEscape(const std::string& text);

}  // namespace siegel::web
