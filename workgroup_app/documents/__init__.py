"""Report files: PDF (reportlab), spreadsheets (openpyxl) and calendars (icalendar).

DTOs in, files out. Services call these writers; nothing here knows about the store or Qt.
Every file is written atomically (``files.atomic_write``), and every PDF uses the shipped
Liberation Serif family so Cyrillic text prints on any machine (``typography``).
"""
