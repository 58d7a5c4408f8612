"""Adapters that supply working-day calendars to the domain's deadline rules."""
