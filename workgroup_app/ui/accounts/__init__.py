"""User accounts in the GUI (issue 7): the first-start wizard, signing in, changing one's own
password, the administrator's Users section, and the session that ties them to the main
window."""
