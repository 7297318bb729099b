# Two commands do everything: `make` (set up, then rebuild every output) and `make test`.
# Set-up installs what a fresh Debian machine lacks: apt packages (as root, or through sudo),
# then a virtualenv in .venv with the pinned Python packages and this project.

VENV      := .venv
PY        := $(VENV)/bin/python
SNAKEMAKE := $(VENV)/bin/snakemake
STAMP     := $(VENV)/.installed
CORES     ?= all
APT_PACKAGES := python3 python3-venv default-jre-headless fonts-paratype fontconfig poppler-utils chromium \
                libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 hunspell hunspell-ru hunspell-kk hunspell-en-us hunspell-en-gb
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup apt test lint bench fidelity clean

# After Ctrl-C or a kill the build recovers by itself: the workflow profile reruns incomplete
# outputs (rerun-incomplete), and a lock left by a killed Snakemake is cleared when no Snakemake
# is building in this folder. SNAKEMAKE_ARGS passes more options (--config sources=DIR output=DIR).
all: setup
	$(PY) scripts/clear_stale_lock.py $(SNAKEMAKE)
	$(SNAKEMAKE) --cores $(CORES) --keep-going $(SNAKEMAKE_ARGS)

setup: apt $(STAMP)

apt:
	@missing=$$(for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

test: setup
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(SNAKEMAKE) --lint

bench: setup
	$(PY) bench/normalize_throughput.py
	$(PY) bench/pipeline.py
	$(PY) bench/large_input.py

# Build every article of ../shared/corpus (or CORPUS=DIR) and score its JATS against its truth.json;
# FIDELITY_ARGS passes options, e.g. FIDELITY_ARGS="--set typeset --output /tmp/build --json scores.json".
fidelity: setup
	$(PY) bench/fidelity.py $(if $(CORPUS),--corpus $(CORPUS)) $(FIDELITY_ARGS)

clean:
	rm -rf output .snakemake
