"""`python -m workgroup_app.cli …` runs the `workgroup` command."""

from workgroup_app.cli.main import main

raise SystemExit(main())
