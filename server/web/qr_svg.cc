// One <path> of unit squares: small, crisp at any print size.
#include "server/web/qr_svg.h"

#include <qrencode.h>

#include "server/web/i18n.h"

namespace siegel::web {

std::string QrCodeSvg(const std::string& text, const std::string& accessible_name) {
  QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == nullptr) return "";
  const int size = code->width, margin = 4, total = size + 2 * margin;
  std::string path;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      if (code->data[y * size + x] & 1) {
        path += "M" + std::to_string(x + margin) + " " + std::to_string(y + margin) + "h1v1h-1z";
      }
    }
  }
  QRcode_free(code);
  // The accessible name is escaped like any template value.
  std::string name = HtmlEscape(accessible_name);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(total) + " " +
         std::to_string(total) + "\" role=\"img\" aria-label=\"" + name + "\"><title>" + name +
         "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" +
         path + "\"/></svg>";
}

}  // namespace siegel::web
