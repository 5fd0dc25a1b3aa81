from kinerja.apps.cli import main

raise SystemExit(main())
