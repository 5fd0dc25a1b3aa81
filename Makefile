# Kinerja PBJ — two commands do all set-up: `make report` and `make test`.
DEMO_PARAMS := parameters/kaltim-2024.yaml
PARAMS ?= $(DEMO_PARAMS)
PERIOD ?=
OUT ?=
# FORCE=1 re-runs every stage; PDF=1 prints every stage report; FORMULIR=1 adds next quarter's forms;
# DRAF=1 marks every page DRAF (and runs a parameter file whose '# ISI:' values are not filled in)
FORCE ?=
PDF ?=
FORMULIR ?=
DRAF ?=
BIN := .venv/bin
SAMPLE := data/sample

.PHONY: setup report test lab demo clean bench whatif

setup:
	@bash tools/setup.sh

$(SAMPLE)/.generated:
	@bash tools/setup.sh
	$(BIN)/kinerja demo-data --year 2024 --out $(SAMPLE)
	@touch $@

demo: $(SAMPLE)/.generated

# Demo data only for the shipped demo parameter file; a UKPBJ's own file reads its own data.
report: setup
	@$(if $(filter $(DEMO_PARAMS),$(PARAMS)),$(MAKE) --no-print-directory demo,true)
	$(BIN)/kinerja run --params $(PARAMS) $(if $(PERIOD),--period $(PERIOD)) $(if $(OUT),--out $(OUT)) \
		$(if $(FORCE),--force) $(if $(PDF),--pdf) $(if $(FORMULIR),--formulir) $(if $(DRAF),--draf)

test:
	@bash tools/setup.sh --browser
	$(BIN)/python -m pytest

# Benchmark (not part of `make test`; it times `make test` too): bench/results.json and results.md; works in
# bench/.work. About 25-30 minutes on 2 cores from a fresh clone (the 1,000,000-package data is
# generated and loaded once, then reused).
bench: setup demo
	$(BIN)/python bench/bench.py

lab: setup demo
	$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root)

# What-if targets as a Voilà app on http://127.0.0.1:$(PORT)/ (code hidden, no browser opened;
# Voilà needs no root flag). Saved scenarios are new files beside $(PARAMS).
PORT ?= 8866
whatif: setup demo
	$(BIN)/kinerja whatif --params $(PARAMS) --port $(PORT) $(if $(PERIOD),--period $(PERIOD))

clean:
	rm -rf outputs/* data/kinerja.duckdb data/sample
