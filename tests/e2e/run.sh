#!/usr/bin/env bash
# Browser tests: a fictional demo registry served by `siegel serve`, driven in Debian's
# Chromium. Usage: run.sh PATH_TO_SIEGEL [SCREENSHOT_DIR]
set -euo pipefail
siegel="$1"
screenshots="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
work="$(mktemp -d)"
source "$here/../serve_siegel.sh"
# A real SMTP server (Debian's python3-aiosmtpd) catches the reminders and notices.
/usr/bin/python3 "$here/../tools/smtp_sink.py" "$work/mail" >"$work/smtp.out" 2>"$work/smtp.log" &
smtp_pid=$!
trap 'stop_siegel; kill $smtp_pid 2>/dev/null || true; rm -rf "$work"' EXIT
"$siegel" demo --data "$work/demo" --base-url http://127.0.0.1:8080 >/dev/null
# The printed certificates' coat of arms, as scripts/demo sets it.
"$siegel" design --data "$work/demo" --logo "$here/../../static/images/demo-wappen.png" >/dev/null
# Staff accounts for the workflow test (fictional people, a throwaway password).
password="e2e password 2026"
# Everyone with an address for reminders; eric reads his staff pages and e-mails in English.
for account in ed:editor:de anna:issuer:de ben:issuer:de ada:admin:de eric:issuer:en; do
  IFS=: read -r username role language <<<"$account"
  echo "$password" | "$siegel" user add --username "$username" --name "$username (fictional)" \
    --role "$role" --language "$language" --email "$username@ministerium.example" \
    --data "$work/demo" >/dev/null
done
for _ in $(seq 1 100); do
  smtp_port="$(sed -n 's/^listening //p' "$work/smtp.out")"
  [[ -n "$smtp_port" ]] && break
  sleep 0.05
done
[[ -n "$smtp_port" ]] || { echo "the SMTP server did not start:" >&2; cat "$work/smtp.log" >&2; exit 1; }
serve_siegel "$siegel" "$work/demo" "$work/serve.log" --access-log off \
  --smtp-url "smtp://127.0.0.1:$smtp_port" --smtp-starttls off \
  --mail-from siegel@ministerium.example --mail-interval 1
# A valid certificate of the demo: the renewal.
"$siegel" list --status valid --format json --data "$work/demo" >"$work/valid.json"
id="$(sed -n 's/.*"id": "\(CEBW-[0-9-]*\)".*/\1/p' "$work/valid.json" | head -1)"
"$siegel" show "$id" --format vc --data "$work/demo" >"$work/credential.json"
status=0
node "$here/pages.mjs" "http://127.0.0.1:$port" "$work/credential.json" $screenshots || status=1
SIEGEL_MAIL_DIR="$work/mail" node "$here/admin.mjs" "http://127.0.0.1:$port" "$password" $screenshots || status=1
# The printed certificate's first page, as poppler draws it: a valid and a revoked one.
if [[ -n "$screenshots" ]]; then
  revoked="$("$siegel" list --status revoked --format json --data "$work/demo" |
    sed -n 's/.*"id": "\(CEBW-[0-9-]*\)".*/\1/p' | head -1)"
  for shown in "$id:valid" "$revoked:revoked"; do
    "$siegel" show "${shown%%:*}" --format pdf --output "$work/urkunde.pdf" --data "$work/demo" 2>/dev/null
    pdftoppm -png -r 80 -singlefile "$work/urkunde.pdf" "$screenshots/urkunde-pdf-${shown##*:}-de"
  done
fi
exit $status
