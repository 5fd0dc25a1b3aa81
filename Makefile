# Kinerja PBJ — two commands do all set-up: `make report` and `make test`.
PARAMS ?= parameters/kaltim-2024.yaml
PERIOD ?=
BIN := .venv/bin
SAMPLE := data/sample

.PHONY: setup report test lab demo clean

setup:
	@bash tools/setup.sh

$(SAMPLE)/.generated:
	@bash tools/setup.sh
	$(BIN)/kinerja demo-data --year 2024 --out $(SAMPLE)
	@touch $@

demo: $(SAMPLE)/.generated

report: setup demo
	$(BIN)/kinerja run --params $(PARAMS) $(if $(PERIOD),--period $(PERIOD))

test: setup
	$(BIN)/python -m pytest

lab: setup demo
	$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf outputs/* data/kinerja.duckdb data/sample
