#!/usr/bin/env bash
# Page weight of the main pages of a running demo server (`origo demo`): each page's HTML as sent, the static files
# it links as sent to a browser that accepts gzip (and their size uncompressed), and the total of a first visit.
# Later visits fetch the HTML only: the static files have hashed names and are cached for a year.
#
# Usage: bench/page_weight.sh [BASE_URL]   (default http://127.0.0.1:8080; demo logins, password origo-demo-2026)
set -euo pipefail
base="${1:-http://127.0.0.1:8080}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
password="origo-demo-2026"

login() {
    curl -sf -c "$work/$1.jar" -H 'content-type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/session" -o /dev/null
}
login certifier
login tashkent.furniture
: > "$work/anonymous.jar"


printf '| page | HTML | static files sent (gzip) | static files uncompressed | first visit |\n|---|---|---|---|---|\n'
for row in "anonymous /verify" "anonymous /" "certifier /officer/queue" "certifier /dashboard" \
           "tashkent.furniture /exporter" "tashkent.furniture /exporter/assess"; do
    who="${row%% *}"; path="${row#* }"
    curl -sf -b "$work/$who.jar" "$base$path" -o "$work/page.html"
    html=$(stat -c %s "$work/page.html")
    sent=0; raw=0
    for asset in $(grep -o '/assets/[^"]*' "$work/page.html" | sort -u); do
        s=$(curl -sf -H 'Accept-Encoding: gzip' "$base$asset" | wc -c)
        r=$(curl -sf "$base$asset" | wc -c)
        sent=$((sent + s)); raw=$((raw + r))
    done
    printf '| `%s` (%s) | %s B | %s B | %s B | %s B |\n' "$path" "$who" "$html" "$sent" "$raw" "$((html + sent))"
done
