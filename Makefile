# Nudge: the two commands a newcomer needs are `make lab` and `make test`.
# Each creates its own virtual environment in .venv from the pinned constraints.txt.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PIP     = $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
COLAB_VENV ?= .venv-colab

.PHONY: lab test check test-site test-colab bench experiments clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip

$(VENV)/.lab-installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e ".[lab]"
	touch $@

# The test environments are installed by uv (pinned in constraints.txt, put into the venv by pip): about 10 s where
# pip takes 80 s, and its cache then serves the Binder check too. uv does not read pip's settings, so a PyPI mirror
# set for pip (PIP_INDEX_URL, or `pip config set global.index-url`) is handed to it. `make lab` keeps plain pip.
PIP_INDEX := $(or $(PIP_INDEX_URL),$(shell $(PYTHON) -m pip config get global.index-url 2>/dev/null))
UV_INSTALL = $(BIN)/uv pip install --quiet -c constraints.txt $(if $(PIP_INDEX),--default-index $(PIP_INDEX))

$(BIN)/uv: $(BIN)/python constraints.txt
	$(PIP) uv
	touch $@

# The tests build the lessons' web site too, so the test environment has the site's tools (Sphinx and co).
$(VENV)/.test-installed: $(BIN)/uv pyproject.toml constraints.txt
	$(UV_INSTALL) --python $(BIN)/python -e ".[lab,test,site]"
	touch $@

# Containers often run as root, where JupyterLab refuses to start without --allow-root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

# JupyterLab's defaults for this .venv only (the user's own settings still win): no "Would you like to
# receive Jupyter news?" pop-up and no update check on a learner's first start. Merged into any overrides there.
LAB_OVERRIDES = $(VENV)/share/jupyter/lab/settings/overrides.json

# Our matrices are small: one BLAS thread is as fast on an idle laptop, and many times faster on a busy one
# (a 5-epoch lesson 05 run: 93 s with OpenBLAS's threads under load, 3.3 s with one).
# `make lab lang=zh-CN` opens the Chinese edition (lessons/zh-CN); the default is English. The server's root is
# the repository, so the file browser shows both editions and a lesson's links to the READMEs open.
lang ?= en
FIRST_LESSON = $(if $(filter en,$(lang)),lessons,lessons/$(lang))/00-Start-Here.ipynb

lab: export OPENBLAS_NUM_THREADS = 1
lab: $(VENV)/.lab-installed $(LAB_OVERRIDES)  ## open the lessons in JupyterLab (lang=zh-CN: in Chinese)
	@test -f $(FIRST_LESSON) || { echo "no lessons in language '$(lang)': try lang=en or lang=zh-CN"; exit 2; }
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. $(FIRST_LESSON)

$(LAB_OVERRIDES): $(VENV)/.lab-installed
	mkdir -p $(dir $@)
	$(BIN)/python -c 'import json, pathlib, sys; p = pathlib.Path(sys.argv[1]); \
		s = json.loads(p.read_text()) if p.exists() else {}; \
		s.setdefault("@jupyterlab/apputils-extension:notification", {}).update(fetchNews="false", checkForUpdates=False); \
		p.write_text(json.dumps(s, indent=2) + "\n")' $@

# Two pytest workers fill two cores (a third measured 565 s against 507 s); BLAS threads on top only fight for them.
test: export OPENBLAS_NUM_THREADS = 1
# Each lesson is executed once per language (tests/test_lessons.py): that run is the lesson check, the determinism
# check and the English-vs-Chinese check at once, and leaves the executed notebooks in build/executed/.
# The site's test runs in the same session, as soon as a worker is free after the lessons: it builds the pages from
# those executed notebooks (never from another run; tests/test_site.py waits for any lesson still running), while
# the other worker goes on with the unit tests (one after the other, the site's build left a core idle).
# Colab's run (its own venv) goes alongside, at the lowest priority: it takes the time the cores would idle while the
# browser tests wait for pages and kernels, and only then a share of its own; its report is printed at the end.
test: $(VENV)/.test-installed $(COLAB_VENV)/.installed  ## every test: lint, units, each lesson once per language, browser, site, Colab's ipywidgets 7
	$(BIN)/ruff check .
	@mkdir -p build; nice -n 19 $(MAKE) --no-print-directory test-colab > build/test-colab.log 2>&1 & colab=$$!; \
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder --durations=25 tests; main=$$?; \
	wait $$colab; colab=$$?; echo "--- Colab's ipywidgets 7.7.1 (make test-colab, run alongside) ---"; \
	cat build/test-colab.log; test $$main = 0 && test $$colab = 0

# The site's tests alone, from what build/executed/ holds (make test runs them in its session).
test-site: export OPENBLAS_NUM_THREADS = 1
test-site: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=5 -m site tests/test_site.py tests/test_lite.py

# The quick one, while you work: lint and every test that needs no lesson run, no browser and no package index.
check: export OPENBLAS_NUM_THREADS = 1
check: $(VENV)/.test-installed  ## lint + fast tests (about 2 minutes)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not browser" tests

# Colab runs ipywidgets 7.7.1 (8.x breaks its widgets): every widget test module once more with it,
# every other package pinned as in constraints.txt; not the tests of what matplotlib draws (marked `figures`),
# which no ipywidgets version changes.
$(COLAB_VENV)/.installed: $(BIN)/uv pyproject.toml constraints.txt
	test -x $(COLAB_VENV)/bin/python || $(PYTHON) -m venv --without-pip $(COLAB_VENV)
	grep -vE '^(ipywidgets|jupyterlab-widgets|widgetsnbextension)==' constraints.txt > $(COLAB_VENV)/constraints.txt
	$(BIN)/uv pip install --quiet --python $(COLAB_VENV)/bin/python -c $(COLAB_VENV)/constraints.txt \
		$(if $(PIP_INDEX),--default-index $(PIP_INDEX)) -e . pytest pytest-xdist hypothesis ipykernel "ipywidgets==7.7.1"
	touch $@

test-colab: export OPENBLAS_NUM_THREADS = 1
test-colab: $(COLAB_VENV)/.installed
	$(COLAB_VENV)/bin/python -m pytest -q -p no:cacheprovider -n 2 -m "not browser and not figures" tests/test_*_widgets.py

# The teacher's edition of every lesson (solutions filled in, answer keys, minutes, discussion prompts), generated
# from the lessons plus helpers/questions/*.json: build/teacher/en/ and build/teacher/zh-CN/.
teacher: $(VENV)/.lab-installed  ## the teacher's edition -> build/teacher/<language>/
	$(BIN)/python scripts/make_teacher_edition.py

bench: $(VENV)/.lab-installed  ## timing figures: our Network vs a per-example loop, and one slider move
	$(BIN)/python benchmarks/bench.py

experiments: $(VENV)/.lab-installed  ## lesson 05's experiments at full size -> data/results/*.json (a few minutes)
	$(BIN)/python scripts/run_experiments.py

clean:
	rm -rf $(VENV) $(COLAB_VENV) .pytest_cache test-artifacts
	find . -name __pycache__ -prune -exec rm -rf {} +

# The lessons' web site (issue 25): build/site/ with a language chooser, /en/ and /zh-CN/ (one page per lesson with its
# outputs and widget snapshots), from the executed lessons `make test` leaves in build/executed/; a missing or stale
# one is executed here first (scripts/build_site.py). SITE_FLAGS=--executed-only refuses to execute anything, as
# tests/test_site.py does under CI=true; SITE_FLAGS=--pdf also prints every lesson to <language>/pdf/<lesson>.pdf
# with Chromium (the Chinese ones need a Chinese font: apt-get install fonts-noto-cjk; `--pdf en` for English only).
# Uses npm (for the pages' JavaScript, site/vendor.json) and the test venv.
SITE_FLAGS ?=

.PHONY: site
site: export OPENBLAS_NUM_THREADS = 1
site: $(VENV)/.test-installed  ## the lessons' web site in build/site/ (English and 简体中文)
	$(BIN)/python scripts/build_site.py $(SITE_FLAGS)
