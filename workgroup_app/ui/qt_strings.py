"""The texts Qt draws itself (standard buttons, wizard buttons, edit menus) in the interface's
language: Qt's own catalogue where Qt ships one, else the project's ``locale/<lang>/qt/*.po``
(Qt has no Belarusian)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from ..paths import resource


class CatalogueTranslator(QTranslator):
    """A QTranslator over gettext entries whose msgctxt is Qt's translation context."""

    def __init__(self, entries: dict[tuple[str, str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._entries = entries

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self._entries.get((context, source))

    def isEmpty(self) -> bool:
        return not self._entries


def qt_entries(language: str) -> dict[tuple[str, str], str]:
    from babel.messages.pofile import read_po

    folder = resource("locale", language, "qt")
    entries: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.context and isinstance(message.id, str) and message.string:
                    entries[(message.context, message.id)] = str(message.string)
    return entries


def install_qt_translations(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install the translator of Qt's own texts for ``language``; None for English or when
    neither Qt nor the project has that language."""
    if language == "en":
        return None
    shipped = QTranslator()  # the application adopts it only once it has loaded
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if shipped.load(QLocale(language), "qtbase", "_", folder):
        shipped.setParent(app)
        app.installTranslator(shipped)
        return shipped
    entries = qt_entries(language)
    if not entries:
        return None
    ours = CatalogueTranslator(entries, app)
    app.installTranslator(ours)
    return ours
