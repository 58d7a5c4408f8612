"""The drives a bundle can go to or come from: the mounted volumes, removable ones first.

Qt does not say which volumes are removable; on Linux those mounted under /media, /run/media
or /mnt are taken as such, on macOS those under /Volumes, on Windows the drives Windows
calls removable."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

REMOVABLE_ROOTS = {"linux": ("/media/", "/run/media/", "/mnt/"), "darwin": ("/Volumes/",)}
SYSTEM_TYPES = {"tmpfs", "devtmpfs", "proc", "sysfs", "squashfs", "overlay", "ramfs",
                "cgroup", "cgroup2", "autofs", "efivarfs", "debugfs", "tracefs", "securityfs"}
SYSTEM_ROOTS = ("/boot", "/snap/", "/proc", "/sys", "/dev", "/run", "/var/lib/", "/tmp",
                "/System/Volumes/")
DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True)
class Volume:
    name: str
    path: str
    free: int  # bytes available to this user
    removable: bool
    read_only: bool = False


def is_removable(root: str, platform: str = sys.platform) -> bool:
    if platform.startswith("win"):
        return _windows_removable(root)
    prefixes = REMOVABLE_ROOTS.get("darwin" if platform == "darwin" else "linux", ())
    return any(root.startswith(prefix) for prefix in prefixes)


def _windows_removable(root: str) -> bool:  # pragma: no cover - Windows only
    try:
        import ctypes

        return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == DRIVE_REMOVABLE)  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return False


def is_system(root: str, filesystem: str, platform: str = sys.platform) -> bool:
    """Pseudo file systems and the system's own mounts: never a place for a bundle."""
    if filesystem in SYSTEM_TYPES:
        return True
    if platform.startswith("win"):
        return False
    if root.startswith("/run/media/"):
        return False
    return any(root == prefix.rstrip("/") or root.startswith(prefix.rstrip("/") + "/")
               for prefix in SYSTEM_ROOTS)


def mounted_volumes() -> list[Volume]:
    """The volumes ready now, removable first, then by name."""
    found: list[Volume] = []
    seen: set[str] = set()
    for info in QStorageInfo.mountedVolumes():
        root = info.rootPath()
        filesystem = bytes(info.fileSystemType().data()).decode("ascii", "replace")
        if not info.isValid() or not info.isReady() or root in seen \
                or is_system(root, filesystem):
            continue
        seen.add(root)
        name = info.displayName() or info.name() or Path(root).name or root
        found.append(Volume(name, root, int(info.bytesAvailable()), is_removable(root),
                            info.isReadOnly()))
    return sorted(found, key=lambda v: (not v.removable, v.name.casefold(), v.path))
