#!/usr/bin/env bash
# Render the Mermaid export of every sample with the real Mermaid CLI and check the result.
#
# A check by hand, not part of CI: it needs an existing Mermaid CLI (`mmdc`) and a Chromium.
# One way to get them, outside the repo (puppeteer must not download a browser of its own):
#
#     mkdir -p /tmp/mmdc && cd /tmp/mmdc
#     PUPPETEER_SKIP_DOWNLOAD=1 npm install @mermaid-js/mermaid-cli
#     apt-get update && apt-get install -y chromium
#     MMDC=/tmp/mmdc/node_modules/.bin/mmdc tools/check_mermaid_render.sh
#
# For each journey (default: sample_journeys/*.yaml, or the .yaml files given as arguments)
# it exports `.mmd` with journeymap, renders it to SVG and PNG with mmdc, and checks that the
# SVG shows the title, every section and task in order with the text of the journey (entities
# decoded), every persona as an actor, and each task's face at the height of its score.
# mmdc exits 0 even when Mermaid draws its "Maximum text size in diagram exceeded" error
# diagram instead of the journey (exports over 50,000 characters); that is reported as a failure.
#
# Environment: MMDC (default: mmdc), CHROMIUM (default: /usr/bin/chromium),
# PUPPETEER_CONFIG (default: one written to OUT using CHROMIUM), OUT (default: a new temp dir),
# PYTHON (default: the repo's .venv/bin/python, else python3), PNG=0 to skip the PNGs,
# PNG_WIDTH (default: 6400, about the diagram's own width for a sample).
# Exit status: 0 when every journey renders and checks, 1 otherwise.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MMDC=${MMDC:-mmdc}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PNG=${PNG:-1}
PNG_WIDTH=${PNG_WIDTH:-6400}
if [[ -z ${PYTHON:-} ]]; then
    if [[ -x $ROOT/.venv/bin/python ]]; then PYTHON=$ROOT/.venv/bin/python; else PYTHON=python3; fi
fi
OUT=${OUT:-$(mktemp -d /tmp/journeymap-mmdc.XXXXXX)}
mkdir -p "$OUT"

if ! command -v "$MMDC" >/dev/null 2>&1; then
    echo "mmdc not found: set MMDC to the Mermaid CLI (see the top of $0)" >&2
    exit 1
fi
if [[ -z ${PUPPETEER_CONFIG:-} ]]; then
    [[ -x $CHROMIUM ]] || { echo "no Chromium at $CHROMIUM: set CHROMIUM or PUPPETEER_CONFIG" >&2; exit 1; }
    PUPPETEER_CONFIG=$OUT/puppeteer.json
    cat >"$PUPPETEER_CONFIG" <<EOF
{"executablePath": "$CHROMIUM", "args": ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]}
EOF
fi

if (($#)); then journeys=(); for f in "$@"; do journeys+=("$(realpath "$f")"); done; else journeys=("$ROOT"/sample_journeys/*.yaml); fi

echo "mermaid-cli $("$MMDC" --version 2>/dev/null)"
[[ -x $CHROMIUM ]] && "$CHROMIUM" --version 2>/dev/null | head -n1
echo "output in $OUT"

CHECK=$OUT/check_svg.py
cat >"$CHECK" <<'EOF'
"""Check a Mermaid-rendered journey SVG against the journey it was exported from."""
import sys
import xml.etree.ElementTree as ET

from journeymap.io import load_journey
from journeymap.io.mermaid import emotion_to_score

SVG = "{http://www.w3.org/2000/svg}"


def norm(s):
    return " ".join(s.split())


def text(e):
    return norm("".join(e.itertext()))


def short(items, n=5):
    return repr(items[:n])[:-1] + (f", ... {len(items) - n} more]" if len(items) > n else "]")


def check(yaml_path, svg_path):
    journey = load_journey(yaml_path)
    root = ET.parse(svg_path).getroot()  # parsing decodes the XML entities
    for parent in list(root.iter()):
        for child in [c for c in parent if c.tag == SVG + "style"]:
            parent.remove(child)
    problems = []
    if root.get("aria-roledescription") != "journey":
        drawn = norm(" ".join(root.itertext()))[:120]
        problems.append(f"Mermaid drew a {root.get('aria-roledescription')!r} diagram, not the journey: {drawn!r}")
    # Mermaid (11.x) writes each section and task label as an HTML div in a foreignObject,
    # each face as <circle class="face"> at cy = 300 + (5 - score) * 30, actors as <text class="legend">.
    labels = [fo[0] for fo in root.iter(SVG + "foreignObject") if len(fo)]
    sections = [text(d) for d in labels if "journey-section" in (d.get("class") or "").split()]
    tasks = [text(d) for d in labels if (d.get("class") or "") == "task"]
    faces = [c for c in root.iter(SVG + "circle") if (c.get("class") or "").split()[:1] == ["face"]]
    scores = [5 - (float(c.get("cy")) - 300) / 30 for c in faces]
    actors = [text(t) for t in root.iter(SVG + "text") if (t.get("class") or "") == "legend"]
    everything = norm(" ".join(root.itertext()))

    def same(what, want, got):
        if want != got:
            missing = [w for w in want if w not in got]
            extra = [g for g in got if g not in want]
            problems.append(f"{what}: {len(want)} expected, {len(got)} rendered; missing {short(missing)}; unexpected {short(extra)}")

    touchpoints = [t for s in journey.stages() for t in journey.touchpoints(s.id)]
    same("sections", [norm(s.name) for s in journey.stages()], sections)
    same("tasks", [norm(t.name) for t in touchpoints], tasks)
    same("scores", [emotion_to_score(t.emotion) for t in touchpoints], scores)
    same("actors", [norm(p.name) for p in journey.personas()], actors)
    if norm(journey.title) not in everything:
        problems.append(f"title {journey.title!r} is not in the SVG")
    print(f"{'FAIL' if problems else 'ok'}   {svg_path}: {len(sections)} sections, {len(tasks)} tasks, {len(actors)} actors")
    for p in problems:
        print(f"       {p}")
    return not problems


if __name__ == "__main__":
    sys.exit(0 if check(sys.argv[1], sys.argv[2]) else 1)
EOF

failed=0
for yaml in "${journeys[@]}"; do
    name=$(basename "$yaml" .yaml)
    mmd=$OUT/$name.mmd
    if ! (cd "$ROOT" && "$PYTHON" -m journeymap export "$yaml" -o "$mmd") >"$OUT/$name.export.log" 2>&1; then
        echo "FAIL $name: export failed:"; sed 's/^/       /' "$OUT/$name.export.log"; failed=1; continue
    fi
    grep -i '^warning' "$OUT/$name.export.log" | sed "s/^/       $name export: /"
    if ! "$MMDC" -q -i "$mmd" -o "$OUT/$name.svg" -p "$PUPPETEER_CONFIG" >"$OUT/$name.mmdc.log" 2>&1; then
        echo "FAIL $name: mmdc could not render $mmd:"; grep -v '^\s*at ' "$OUT/$name.mmdc.log" | head -n 20 | sed 's/^/       /'
        failed=1; continue
    fi
    (cd "$ROOT" && "$PYTHON" "$CHECK" "$yaml" "$OUT/$name.svg") || failed=1
    if [[ $PNG != 0 ]]; then
        if "$MMDC" -q -i "$mmd" -o "$OUT/$name.png" -p "$PUPPETEER_CONFIG" -w "$PNG_WIDTH" >>"$OUT/$name.mmdc.log" 2>&1 \
            && [[ $(head -c 8 "$OUT/$name.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]]; then
            echo "       png: $OUT/$name.png"
        else
            echo "FAIL $name: no PNG (see $OUT/$name.mmdc.log)"; failed=1
        fi
    fi
done
((failed)) && echo "some journeys failed; files in $OUT" || echo "all ${#journeys[@]} journeys render and check"
exit $failed
