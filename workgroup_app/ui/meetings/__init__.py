"""The parts of the Meetings page: the meeting editor and its attendance, agenda and decisions."""
