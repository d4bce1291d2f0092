# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test setup browser spark bench bench-html clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/kg build seeds --out outputs

# Debian's Chromium and CJK fonts for the browser tests (tests/test_html_browser.py,
# driven by the playwright package; never `playwright install`, no browser download).
browser:
	@if [ -x /usr/bin/chromium ] && fc-list :lang=zh 2>/dev/null | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium and fonts-noto-cjk for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else echo "note: no /usr/bin/chromium and not root with apt-get: the browser tests will skip"; fi

# pyspark (about 450 MB, a minute to install) for tests/test_spark.py, which skips without it
spark: setup
	@$(BIN)/python -c "import pyspark" 2>/dev/null || $(BIN)/pip install --quiet -e '.[test,spark]' \
	  || echo "note: pyspark could not be installed: tests/test_spark.py will skip"

test: setup browser spark
	$(BIN)/python -m pytest -q -n auto

# the README's kg query/show/stats examples, their output rewritten from a seeds build
docs: run
	$(BIN)/python tests/readme_examples.py --write

bench: setup
	$(BIN)/python bench/bench_build.py

bench-html: setup browser
	$(BIN)/python bench/bench_html.py

clean:
	rm -rf $(VENV) outputs/graph.* outputs/*.html outputs/store outputs/manifest.json
