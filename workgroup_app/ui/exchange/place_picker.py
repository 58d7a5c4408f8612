"""Where a bundle goes or comes from: the mounted drives (removable first), a folder, or —
when receiving — one bundle file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, human_size, tr
from .. import theme
from . import volumes

PATH_ROLE = Qt.ItemDataRole.UserRole
BUNDLE_FILTER = "*.osb"


class PlacePicker(QWidget):
    """``chosen`` fires when the place changes; ``path()`` is the place or None."""

    chosen = Signal()

    def __init__(self, title: str, *, writable: bool, files: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writable = writable
        caption = QLabel(title, self)
        self.list = QListWidget(self)
        self.list.setObjectName("placeList")
        self.list.setAccessibleName(title)
        self.list.setMinimumHeight(110)
        caption.setBuddy(self.list)
        self.list.currentItemChanged.connect(lambda *_args: self.chosen.emit())
        self.refresh_button = QPushButton(_("&Look again"), self)
        self.refresh_button.setObjectName("refreshPlaces")
        self.refresh_button.setToolTip(_("List the drives again (after inserting one)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button = QPushButton(_("Choose a &folder…"), self)
        self.folder_button.setObjectName("chooseFolder")
        self.folder_button.clicked.connect(self.choose_folder)
        self.file_button = QPushButton(_("Choose a bundle f&ile…"), self)
        self.file_button.setObjectName("chooseFile")
        self.file_button.clicked.connect(self.choose_file)
        self.file_button.setVisible(files)
        self.note = QLabel(self)
        self.note.setObjectName("placeNote")
        self.note.setStyleSheet(theme.muted())
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.file_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(caption)
        column.addWidget(self.list, 1)
        column.addLayout(buttons)
        column.addWidget(self.note)
        self._extra: list[tuple[str, str]] = []  # folders and files chosen, kept on refresh
        self.refresh()

    def refresh(self) -> None:
        current = self.path()
        self.list.clear()
        drives = [v for v in volumes.mounted_volumes()
                  if not (self.writable and v.read_only)]
        for path, label in self._extra:
            self._add(label, path, QIcon.fromTheme("folder"))
        for volume in drives:
            icon = "drive-removable-media" if volume.removable else "drive-harddisk"
            label = tr("{name} — {path} — {free} free", name=volume.name, path=volume.path,
                       free=human_size(volume.free))
            self._add(label, volume.path, QIcon.fromTheme(icon))
        removable = sum(1 for v in drives if v.removable)
        self.note.setText(_("No removable drive is mounted: insert one, then press Look "
                            "again, or choose a folder.") if not removable else "")
        self.note.setVisible(not removable)
        if current is not None:
            self.select(current)
        elif self.list.count():
            self.list.setCurrentRow(0)

    def _add(self, label: str, path: str, icon: QIcon) -> None:
        item = QListWidgetItem(icon, label)
        item.setData(PATH_ROLE, path)
        item.setToolTip(path)
        self.list.addItem(item)

    def path(self) -> Path | None:
        item = self.list.currentItem()
        return None if item is None else Path(str(item.data(PATH_ROLE)))

    def select(self, path: Path) -> None:
        for row in range(self.list.count()):
            if Path(str(self.list.item(row).data(PATH_ROLE))) == path:
                self.list.setCurrentRow(row)
                return

    def add_place(self, path: Path) -> None:
        """Put a folder or file chosen by hand at the top and select it."""
        text = str(path)
        if all(p != text for p, _label in self._extra):
            label = tr("File {path}", path=text) if path.is_file() \
                else tr("Folder {path}", path=text)
            self._extra.insert(0, (text, label))
        self.refresh()
        self.select(path)

    def choose_folder(self) -> None:
        start = str(self.path() or Path.home())
        name = QFileDialog.getExistingDirectory(self, _("Choose a folder"), start)
        if name:
            self.add_place(Path(name))

    def choose_file(self) -> None:
        start = str(self.path() or Path.home())
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a bundle file"), start,
            tr("Exchange bundles ({pattern})", pattern=BUNDLE_FILTER))
        if name:
            self.add_place(Path(name))
