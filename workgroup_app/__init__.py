"""Workgroup: meetings, minutes and execution control for regional interagency workgroups."""

__version__ = "0.1.0"
