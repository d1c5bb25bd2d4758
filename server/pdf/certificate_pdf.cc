#include "server/pdf/certificate_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <cmath>
#include <cstring>
#include <memory>

namespace siegel::pdf {
namespace {

// A4 in PostScript points, and the printable column inside the frame.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 62;
constexpr double kColumn = kPageWidth - 2 * kMargin;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kNavy{0.12, 0.23, 0.37};
constexpr Rgb kGold{0.69, 0.55, 0.24};
constexpr Rgb kInk{0.10, 0.10, 0.12};
constexpr Rgb kGrey{0.35, 0.35, 0.38};
constexpr Rgb kRed{0.70, 0.07, 0.07};

enum class Align { kLeft, kCentre, kJustify };

struct TextStyle {
  const char* family = "DejaVu Sans";
  double size = 11;
  bool bold = false;
  Align align = Align::kCentre;
  Rgb colour = kInk;
  // Shrinks the size (down to min_size) until the text fits on one line: a programme's name
  // breaks badly ("Baden-/Württemberg"); below min_size it wraps.
  double min_size = 0;
  int max_lines = 0;  // 0: as many as it takes; otherwise ends with an ellipsis
};

using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

LayoutPtr MakeLayout(cairo_t* cr, const std::string& text, const TextStyle& style, double size,
                     double width) {
  LayoutPtr layout(pango_cairo_create_layout(cr), &g_object_unref);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, style.family);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(),
                             style.align == Align::kCentre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_set_justify(layout.get(), style.align == Align::kJustify);
  if (style.max_lines > 0) {
    pango_layout_set_height(layout.get(), -style.max_lines);
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  }
  // Plain text, never markup: a holder's name is data, not formatting.
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

// The layout of `text` in `style`, shrunk to one line if the style asks for it.
LayoutPtr FitLayout(cairo_t* cr, const std::string& text, const TextStyle& style, double width) {
  double size = style.size;
  LayoutPtr layout = MakeLayout(cr, text, style, size, width);
  while (style.min_size > 0 && size > style.min_size &&
         pango_layout_get_line_count(layout.get()) > 1) {
    size -= 1;
    layout = MakeLayout(cr, text, style, size, width);
  }
  return layout;
}

double LayoutHeight(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

// Draws `text` with its top at y; returns the height it took.
double DrawText(cairo_t* cr, const std::string& text, const TextStyle& style, double x, double y,
                double width) {
  if (text.empty()) return 0;
  LayoutPtr layout = FitLayout(cr, text, style, width);
  cairo_set_source_rgb(cr, style.colour.r, style.colour.g, style.colour.b);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  // Leaves no current point behind: the next arc would start with a line from it.
  cairo_new_path(cr);
  return LayoutHeight(layout.get());
}

struct PngReader {
  const std::string& bytes;
  size_t offset = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->bytes.size() - reader->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, reader->bytes.data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

// Draws a PNG scaled to fit a box (keeping its proportions, centred in it).
Status DrawImage(cairo_t* cr, const std::string& png, const char* what, double x, double y,
                 double box_width, double box_height) {
  PngReader reader{png};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(&ReadPng, &reader);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(image);
    return Error::InvalidInput(std::string("the ") + what + " is not a PNG image cairo can read");
  }
  double w = cairo_image_surface_get_width(image);
  double h = cairo_image_surface_get_height(image);
  double scale = std::min(box_width / w, box_height / h);
  cairo_save(cr);
  cairo_translate(cr, x + (box_width - w * scale) / 2, y + (box_height - h * scale) / 2);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
  return Status::Ok();
}

void SetColour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// The seal a registry has not given an image for: a gold rosette with the programme's mark.
void DrawDefaultSeal(cairo_t* cr, double cx, double cy, double radius, const std::string& mark) {
  cairo_new_path(cr);
  SetColour(cr, kGold);
  cairo_arc(cr, cx, cy, radius, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_set_line_width(cr, 1.2);
  for (int i = 0; i < 48; ++i) {
    double a = i * 2 * M_PI / 48;
    cairo_move_to(cr, cx + std::cos(a) * radius * 0.80, cy + std::sin(a) * radius * 0.80);
    cairo_line_to(cr, cx + std::cos(a) * radius * 0.93, cy + std::sin(a) * radius * 0.93);
  }
  cairo_stroke(cr);
  SetColour(cr, kNavy);
  cairo_arc(cr, cx, cy, radius * 0.74, 0, 2 * M_PI);
  cairo_fill(cr);
  TextStyle style{"DejaVu Sans", radius * 0.28, true, Align::kCentre, {1, 1, 1}};
  style.min_size = radius * 0.16;
  DrawText(cr, mark, style, cx - radius * 0.7, cy - radius * 0.2, radius * 1.4);
}

void DrawQrCode(cairo_t* cr, const std::string& text, double x, double y, double size) {
  QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == nullptr) return;
  double module = size / (code->width + 2);  // one module of quiet zone each side
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < code->width; ++row) {
    for (int col = 0; col < code->width; ++col) {
      if (code->data[row * code->width + col] & 1) {
        cairo_rectangle(cr, x + (col + 1) * module, y + (row + 1) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
  QRcode_free(code);
}

void DrawFrame(cairo_t* cr) {
  SetColour(cr, kNavy);
  cairo_set_line_width(cr, 4);
  cairo_rectangle(cr, 26, 26, kPageWidth - 52, kPageHeight - 52);
  cairo_stroke(cr);
  SetColour(cr, kGold);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, 34, 34, kPageWidth - 68, kPageHeight - 68);
  cairo_stroke(cr);
}

// A certificate no longer in force says so across the page, and in a box on top that stays
// legible under the diagonal word.
void DrawBanner(cairo_t* cr, const CertificatePdfContent& content) {
  std::string line =
      content.banner + (content.banner_detail.empty() ? "" : " – ") + content.banner_detail;
  TextStyle box{"DejaVu Sans", 11, true, Align::kCentre, {1, 1, 1}};
  box.min_size = 9;
  box.max_lines = 2;
  double height = LayoutHeight(FitLayout(cr, line, box, kColumn - 16).get());
  SetColour(cr, kRed);
  cairo_rectangle(cr, kMargin, 150, kColumn, height + 10);
  cairo_fill(cr);
  DrawText(cr, line, box, kMargin + 8, 155, kColumn - 16);

  cairo_save(cr);
  cairo_translate(cr, kPageWidth / 2, kPageHeight / 2);
  cairo_rotate(cr, -M_PI / 6);
  TextStyle diagonal{"DejaVu Sans", 80, true, Align::kCentre, kRed};
  diagonal.min_size = 30;
  double width = kPageHeight * 0.8;
  double diagonal_height = LayoutHeight(FitLayout(cr, content.banner, diagonal, width).get());
  cairo_push_group(cr);
  DrawText(cr, content.banner, diagonal, -width / 2, -diagonal_height / 2, width);
  cairo_pop_group_to_source(cr);
  cairo_paint_with_alpha(cr, 0.28);
  cairo_restore(cr);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Status DrawPage(cairo_t* cr, const CertificatePdfContent& c) {
  DrawFrame(cr);

  // Header: the issuer (logo and name) on the left, the label's seal on the right.
  double name_x = kMargin;
  if (!c.logo_png.empty()) {
    if (Status drawn = DrawImage(cr, c.logo_png, "issuer's logo", kMargin, 52, 64, 72);
        !drawn.ok()) {
      return drawn;
    }
    name_x += 76;
  }
  TextStyle issuer{"DejaVu Sans", 11, true, Align::kLeft, kNavy};
  DrawText(cr, c.issuer_name, issuer, name_x, 62, kPageWidth - kMargin - 100 - name_x);
  double seal_radius = 42;
  double seal_x = kPageWidth - kMargin - seal_radius, seal_y = 52 + seal_radius;
  if (!c.seal_png.empty()) {
    if (Status drawn = DrawImage(cr, c.seal_png, "seal", seal_x - seal_radius, 52, 2 * seal_radius,
                                 2 * seal_radius);
        !drawn.ok()) {
      return drawn;
    }
  } else {
    DrawDefaultSeal(cr, seal_x, seal_y, seal_radius, c.seal_text);
  }

  if (!c.banner.empty()) DrawBanner(cr, c);

  double y = 196;
  if (!c.banner.empty()) y += 8;
  y += DrawText(cr, c.heading, {"DejaVu Serif", 34, true, Align::kCentre, kNavy}, kMargin, y,
                kColumn) +
       22;
  // "The quality label <programme> is awarded to <holder>", the two names set large.
  y += DrawText(cr, c.preamble, {"DejaVu Sans", 12, false}, kMargin, y, kColumn) + 8;
  TextStyle programme{"DejaVu Serif", 22, true, Align::kCentre, kNavy, 14};
  y += DrawText(cr, c.programme_name, programme, kMargin, y, kColumn) + 4;
  y += DrawText(cr, c.level, {"DejaVu Sans", 11, false}, kMargin, y, kColumn) + 12;
  y += DrawText(cr, c.award, {"DejaVu Sans", 12, false}, kMargin, y, kColumn) + 8;
  TextStyle holder{"DejaVu Serif", 24, true, Align::kCentre, kInk, 15};
  y += DrawText(cr, c.holder, holder, kMargin, y, kColumn) + 4;
  y += DrawText(cr, c.holder_detail, {"DejaVu Sans", 10, false, Align::kCentre, kGrey}, kMargin, y,
                kColumn) +
       14;
  y += DrawText(cr, c.validity, {"DejaVu Sans", 13, true}, kMargin, y, kColumn) + 22;

  SetColour(cr, kGold);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, kMargin + 80, y - 10);
  cairo_line_to(cr, kPageWidth - kMargin - 80, y - 10);
  cairo_stroke(cr);
  y += DrawText(cr, c.criteria_heading, {"DejaVu Sans", 10, true, Align::kLeft, kNavy}, kMargin, y,
                kColumn) +
       4;
  TextStyle criteria{"DejaVu Sans", 9.5, false, Align::kJustify};
  criteria.max_lines = 11;
  y += DrawText(cr, c.criteria_text, criteria, kMargin, y, kColumn) + 6;
  DrawText(cr, c.assessment, {"DejaVu Sans", 9, false, Align::kLeft, kGrey}, kMargin, y, kColumn);

  // Place and date, the signature block, and the QR code to the verification page.
  double block_y = 628;
  DrawText(cr, c.place_and_date, {"DejaVu Sans", 11, false, Align::kLeft}, kMargin, block_y, 280);
  SetColour(cr, kInk);
  cairo_set_line_width(cr, 0.6);
  cairo_move_to(cr, kMargin, block_y + 78);
  cairo_line_to(cr, kMargin + 250, block_y + 78);
  cairo_stroke(cr);
  double sy = block_y + 82;
  sy += DrawText(cr, c.signatory_name, {"DejaVu Sans", 10, true, Align::kLeft}, kMargin, sy, 260);
  DrawText(cr, c.signatory_role, {"DejaVu Sans", 9, false, Align::kLeft, kGrey}, kMargin, sy, 260);
  double qr_size = 96;
  double qr_x = kPageWidth - kMargin - qr_size - 20;
  DrawQrCode(cr, c.verify_url, qr_x, block_y - 6, qr_size);
  DrawText(cr, c.verify_caption, {"DejaVu Sans", 7, false, Align::kCentre, kGrey}, qr_x - 30,
           block_y + qr_size - 2, qr_size + 60);

  double footer_y = 752;
  footer_y += DrawText(cr, c.number_line, {"DejaVu Sans", 9, true, Align::kLeft, kNavy}, kMargin,
                       footer_y, kColumn) +
              2;
  DrawText(cr, c.attachment_note, {"DejaVu Sans", 7, false, Align::kLeft, kGrey}, kMargin, footer_y,
           kColumn);
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderCertificatePdf(const CertificatePdfContent& content) {
  std::string drawn;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&AppendToString, &drawn, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, content.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, content.issuer_name.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
                                 (content.programme_name + ": " + content.holder).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Siegel");
  if (!content.created.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   content.created.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, content.created.c_str());
  }
  cairo_t* cr = cairo_create(surface);
  Status drawn_page = DrawPage(cr, content);
  cairo_show_page(cr);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  if (!drawn_page.ok()) return drawn_page.error();
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error::Internal(std::string("drawing the certificate failed: ") +
                           cairo_status_to_string(status));
  }
  return AttachFile(drawn, content.credential);
}

}  // namespace siegel::pdf
