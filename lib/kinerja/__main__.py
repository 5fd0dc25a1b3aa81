from kinerja.cli import main

raise SystemExit(main())
