// QR codes as inline SVG (libqrencode), for the printed certificate.
#pragma once

#include <string>

namespace siegel::web {

// An SVG of the QR code for `text` (error correction M), with a text alternative; empty if
// the text cannot be encoded.
std::string QrCodeSvg(const std::string& text, const std::string& accessible_name);

}  // namespace siegel::web
