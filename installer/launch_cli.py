"""Entry point of the frozen command line (PyInstaller runs this file as a script)."""

from workgroup_app.cli.main import main

raise SystemExit(main())
