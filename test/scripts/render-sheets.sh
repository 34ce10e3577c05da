#!/usr/bin/env bash
# Rendering test of the norm sheets (issue 20), run by run-tests.sh on its
# throwaway cluster (PGHOST/PGPORT/PGUSER exported, JN_BIN = its bin dir).
#
# Generates a small demo region (seed 42, scale RENDER_SCALE, default 0.1),
# writes two sheets -- the product with the most completed paths, for all
# providers and for its largest provider -- and renders each with headless
# Chromium (Debian package chromium, started here; --no-sandbox when root)
# to PNG and to PDF.  Checks, as TAP lines that run-tests.sh counts:
#   the PDF is one page, A4; its text holds the title and the footer;
#   the PDF page is not blank (pdftoppm: dark pixels); the PNG is a PNG and
#   not blank (much larger than a blank page rendered the same way).
# The artefacts (HTML, PNG, PDF) stay in RENDER_DIR (default a new
# ${TMPDIR:-/tmp}/jeugdnorm-render.XXXXXX, printed at the end); they are
# test output, never committed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
psql=("$JN_BIN/psql" -X -v ON_ERROR_STOP=1 -q)
dir=${RENDER_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/jeugdnorm-render.XXXXXX")}
mkdir -p "$dir"
n=0
failed=0
tap() { # tap <0|1> description
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium_bin" ] || ! command -v pdfinfo >/dev/null; then
    tap 1 "chromium and pdfinfo are installed (test/scripts/install-deps.sh --test)"
    echo "1..$n"
    exit 1
fi
sandbox=()
if [ "$(id -u)" -eq 0 ]; then sandbox=(--no-sandbox); fi
chrome() { # chrome <args...>: one headless Chromium run, bounded in time
    timeout 120 "$chromium_bin" --headless=new "${sandbox[@]}" --disable-gpu --hide-scrollbars \
        --no-first-run --no-default-browser-check --user-data-dir="$dir/profile" "$@" \
        >>"$dir/chromium.log" 2>&1
}

"${psql[@]}" -d postgres -c "CREATE DATABASE jn_render" || exit 1
"${psql[@]}" -d jn_render -c "CREATE EXTENSION jeugdnorm" -f "$root/test/generator/demo_region.sql" \
    -c "SELECT count(*) FROM jeugdnorm_demo.generate(42, ${RENDER_SCALE:-0.1})" \
    -c "SELECT count(*) FROM jeugdnorm.refresh()" >/dev/null || exit 1

product=$("${psql[@]}" -d jn_render -Atc "SELECT product FROM jeugdnorm.norm_deviation
                                           WHERE aanbieder IS NULL ORDER BY paths DESC, product LIMIT 1")
provider=$("${psql[@]}" -d jn_render -Atc "SELECT aanbieder FROM jeugdnorm.norm_deviation
                                            WHERE product = '$product' AND aanbieder IS NOT NULL
                                            ORDER BY paths DESC, aanbieder LIMIT 1")
tap $([ -n "$product" ] && [ -n "$provider" ]; echo $?) "demo region: largest product $product, its largest provider $provider"

# a blank page rendered the same way: the PNG size a blank sheet would have
printf '<!DOCTYPE html><html><body></body></html>' >"$dir/blank.html"
chrome --window-size=794,1123 --screenshot="$dir/blank.png" "file://$dir/blank.html"
blank_size=$(stat -c %s "$dir/blank.png" 2>/dev/null || echo 0)

for sheet in "$product" "$product:$provider"; do
    p=${sheet%%:*}
    a=${sheet#*:}
    [ "$a" = "$sheet" ] && a=
    name="sheet-$p${a:+-$a}"
    if [ -n "$a" ]; then arg="'$p', '$a'"; else arg="'$p'"; fi
    "${psql[@]}" -d jn_render -Atc "SELECT jeugdnorm.norm_sheet($arg)" >"$dir/$name.html"
    tap $([ -s "$dir/$name.html" ]; echo $?) "$name: HTML written ($(stat -c %s "$dir/$name.html") bytes)"

    chrome --no-pdf-header-footer --print-to-pdf="$dir/$name.pdf" "file://$dir/$name.html"
    chrome --window-size=794,1123 --screenshot="$dir/$name.png" "file://$dir/$name.html"

    info=$(pdfinfo "$dir/$name.pdf" 2>/dev/null)
    pages=$(sed -n 's/^Pages: *//p' <<<"$info")
    tap $([ "$pages" = "1" ]; echo $?) "$name: the PDF is one page (pages: ${pages:-none})"
    tap $(grep -q '^Page size:.*(A4)' <<<"$info"; echo $?) "$name: the page is A4 ($(sed -n 's/^Page size: *//p' <<<"$info"))"
    text=$(pdftotext "$dir/$name.pdf" - 2>/dev/null)
    tap $(grep -q "Normblad $p" <<<"$text" && grep -q 'made with jeugdnorm' <<<"$text"; echo $?) \
        "$name: the PDF's text holds the title and the footer"
    # dark pixels of the page at 30 dpi in grey (the PGM header adds < 20 bytes below 128)
    dark=0
    if pdftoppm -r 30 -gray -singlefile "$dir/$name.pdf" "$dir/$name" 2>/dev/null; then
        dark=$(od -An -v -tu1 "$dir/$name.pgm" | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128 {c++} END {print c + 0}')
    fi
    tap $([ "$dark" -gt 1000 ]; echo $?) "$name: the PDF page is not blank ($dark dark pixels at 30 dpi)"
    size=$(stat -c %s "$dir/$name.png" 2>/dev/null || echo 0)
    sig=$(head -c 8 "$dir/$name.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')
    tap $([ "$sig" = "89504e470d0a1a0a" ]; echo $?) "$name: the screenshot is a PNG"
    tap $([ "$blank_size" -gt 0 ] && [ "$size" -gt $((blank_size * 5)) ]; echo $?) \
        "$name: the PNG is not blank ($size bytes; a blank page $blank_size)"
done

rm -rf "$dir/profile"
echo "1..$n"
echo "render-sheets: artefacts (HTML, PNG, PDF) in $dir" >&2
[ "$failed" -eq 0 ]
