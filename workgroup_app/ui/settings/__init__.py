"""Sections of the Settings page that belong to execution control: the office (name, country),
its working-day calendar entries, and the reminders."""
