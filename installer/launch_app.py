"""Entry point of the frozen window program (PyInstaller runs this file as a script)."""

from workgroup_app.ui.app import main

raise SystemExit(main())
