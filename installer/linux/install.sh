#!/usr/bin/env bash
# Install the folder `make dist` built (dist/workgroup/) for one user, or for everyone with
# --system (as root): the programs, the menu entry, the icon in every size, the file types of
# exchange bundles and office cards, and the AppStream metadata. --uninstall removes them;
# the user's data (~/.local/share/Workgroup) is never touched.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app_id="org.workgroup.Workgroup"

if [ "${1:-}" = "--system" ] || [ "${2:-}" = "--system" ]; then
  prefix=/usr/local; opt=/opt/workgroup
else
  prefix="$HOME/.local"; opt="$HOME/.local/opt/workgroup"
fi
share="$prefix/share"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt"
  rm -f "$prefix/bin/workgroup" "$prefix/bin/workgroup-app" \
        "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml" \
        "$share/mime/packages/$app_id.xml"
  find "$share/icons/hicolor" -name "$app_id.png" -delete 2>/dev/null || true
  rm -f "$share/icons/hicolor/scalable/apps/$app_id.svg"
else
  [ -x "$root/dist/workgroup/workgroup-app" ] || { echo "build it first: make dist" >&2; exit 1; }
  mkdir -p "$opt" "$prefix/bin" "$share/applications" "$share/metainfo" "$share/mime/packages"
  rm -rf "$opt" && cp -a "$root/dist/workgroup" "$opt"
  ln -sf "$opt/workgroup-app" "$prefix/bin/workgroup-app"
  ln -sf "$opt/workgroup" "$prefix/bin/workgroup"
  sed "s|^Exec=workgroup-app|Exec=$prefix/bin/workgroup-app|" "$here/$app_id.desktop" \
    > "$share/applications/$app_id.desktop"
  cp "$here/$app_id.metainfo.xml" "$share/metainfo/"
  cp "$here/$app_id.mime.xml" "$share/mime/packages/$app_id.xml"
  for png in "$root"/build/icons/workgroup-*.png; do
    size="$(basename "$png" .png)"; size="${size#workgroup-}"
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  done
  mkdir -p "$share/icons/hicolor/scalable/apps"
  cp "$root/resources/icons/workgroup.svg" "$share/icons/hicolor/scalable/apps/$app_id.svg"
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v update-mime-database >/dev/null && update-mime-database "$share/mime" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "done: $opt"
