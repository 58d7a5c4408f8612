#!/usr/bin/env bash
# Runs the frozen programs of dist/workgroup/ as a user would, outside the source tree and
# its virtual environment (CI, after `make dist`): their versions, a screenshot of the main
# window on the demo store, and an exchange between two offices from the command line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$root/dist/workgroup"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"  # nothing of the source tree within reach
export QT_QPA_PLATFORM=offscreen WORKGROUP_LANG=en PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring
export XDG_CONFIG_HOME="$work/config" WORKGROUP_AUTO_BACKUP=0 WORKGROUP_DB_ENCRYPTION=off
version="$(python3 -c "import re; print(re.search(r'__version__ = \"(.+)\"', open('$root/workgroup_app/__init__.py').read())[1])")"
fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }

echo "== versions"
"$dist/workgroup" --version | grep -q "$version" || fail "workgroup --version"
"$dist/workgroup-app" --version | grep -q "$version" || fail "workgroup-app --version"

echo "== languages: the catalogues and click's own messages are in the folder"
help="$("$dist/workgroup" --lang be --help)"
grep -q "Выкарыстанне: workgroup" <<<"$help" || fail "Belarusian help"
refusal="$("$dist/workgroup" --lang ru --bogus 2>&1 || true)"  # a usage error exits 2
grep -q "Нет параметра" <<<"$refusal" || fail "Russian usage error"

echo "== the main window on the demo store"
demo_password="$(sed -n 's/^DEMO_PASSWORD = "\(.*\)".*/\1/p' "$root/workgroup_app/services/users.py")"
WORKGROUP_DATA_DIR="$work/demo" WORKGROUP_PASSWORD="$demo_password" "$dist/workgroup-app" \
  --demo --lang ru --user prosecutor --page actions --screenshot "$work/main.png"
size=$(stat -c %s "$work/main.png")
[ "$size" -gt 30000 ] || fail "the screenshot is $size bytes: an empty window?"
python3 - "$work/main.png" <<'PY' || fail "the screenshot is not a 1280×800 PNG"
import struct, sys
data = open(sys.argv[1], "rb").read(24)
assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1280, 800)
PY

echo "== an exchange between two offices"
printf 'correct horse battery staple\n' > "$work/pass"
office() {  # office NAME ARGS…: the command line of office NAME, its own data folder
  local name="$1"; shift
  WORKGROUP_DATA_DIR="$work/$name" "$dist/workgroup" --db "$work/$name.sqlite" "$@"
}
for name in a b; do
  office $name init >/dev/null
  office $name office init --name "Office $name" --country BY --passphrase-file "$work/pass" \
    >/dev/null
  office $name office export-card "$work/$name.wgcard" --passphrase-file "$work/pass" >/dev/null
done
fingerprint() { office "$1" --json office show | python3 -c "import json,sys; print(json.load(sys.stdin)['fingerprint'])"; }
office a office trust "$work/b.wgcard" --fingerprint "$(fingerprint b)" >/dev/null
office b office trust "$work/a.wgcard" --fingerprint "$(fingerprint a)" >/dev/null
office a agencies add --name "Прокуратура Гродненской области" >/dev/null
mkdir "$work/stick"
office a sync export --to "$work/stick" --passphrase-file "$work/pass" >/dev/null
office b sync import "$work/stick" --passphrase-file "$work/pass" | grep -q "applied" \
  || fail "the bundle was not applied"
office b --json agencies list | grep -q "Прокуратура Гродненской области" \
  || fail "the agency did not arrive"
office b sync export --to "$work/stick" --passphrase-file "$work/pass" >/dev/null
office a sync import "$work/stick" --passphrase-file "$work/pass" >/dev/null
office a --json sync status | python3 -c "
import json, sys
peers = json.load(sys.stdin)
assert [p['received_seq'] for p in peers] == [1], peers" || fail "the answer did not arrive"
echo "smoke test passed: $dist"
