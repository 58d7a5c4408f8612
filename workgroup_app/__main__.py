"""`python -m workgroup_app` opens the GUI."""

from workgroup_app.ui.app import main

raise SystemExit(main())
