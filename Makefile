# Two commands do everything: `make` (set up, then rebuild every output) and `make test`.
# Set-up installs what a fresh Debian machine lacks: apt packages (as root, or through sudo),
# then a virtualenv in .venv with the pinned Python packages and this project, and the npm
# validators of the tests in node_modules.

VENV      := .venv
PY        := $(VENV)/bin/python
SNAKEMAKE := $(VENV)/bin/snakemake
STAMP     := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
CORES     ?= all
APT_PACKAGES := python3 python3-venv default-jre-headless fonts-paratype fontconfig poppler-utils chromium nodejs \
                libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 hunspell hunspell-ru hunspell-kk hunspell-en-us hunspell-en-gb \
                tesseract-ocr tesseract-ocr-kaz
# Word lists built from Debian's packages for the languages whose hunspell dictionary is thin (Kazakh).
LEXICON   := $(VENV)/share/galley/hunspell/kk_galley.dic
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The container image of the pipeline (`make image`, `make image-test`, `make image-push REGISTRY=...`),
# named after the project's version. Its Debian base holds what building articles needs (not the
# tests' browser, validators or Java); the last three packages serve the image's build only and
# are removed in it (Containerfile). mmdebstrap and buildah are installed by these targets only.
VERSION   := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
IMAGE     ?= galley:$(VERSION)
IMAGE_APT_PACKAGES := python3 ca-certificates fontconfig fonts-paratype libharfbuzz-subset0 libpango-1.0-0 \
                      libpangoft2-1.0-0 hunspell hunspell-ru hunspell-kk hunspell-en-us hunspell-en-gb poppler-utils \
                      python3-venv tesseract-ocr tesseract-ocr-kaz
IMAGE_TOOLS := mmdebstrap buildah poppler-utils
# pip's CA bundle during the image's build (this machine's, with any site CA); not put in the image.
BUILD_CA  ?= /etc/ssl/certs/ca-certificates.crt

.PHONY: all setup apt test fuzz lint bench fidelity clean image-tools image image-test image-push

# Snakemake's own job chatter (each job's rule, reason and host) is hidden by the workflow profile
# (profiles/default/config.yaml: quiet); `make VERBOSE=1` brings it back.
VERBOSE ?=
SHOW_JOBS := $(if $(VERBOSE),--quiet host)

# After Ctrl-C or a kill the build recovers by itself: the workflow profile reruns incomplete
# outputs (rerun-incomplete), and a lock left by a killed Snakemake is cleared when no Snakemake
# is building in this folder. SNAKEMAKE_ARGS passes more options (--config sources=DIR output=DIR).
all: setup
	$(PY) scripts/clear_stale_lock.py $(SNAKEMAKE)
	$(SNAKEMAKE) --cores $(CORES) --keep-going $(SHOW_JOBS) $(SNAKEMAKE_ARGS)

# Last, the package's bytecode, written once: where PYTHONDONTWRITEBYTECODE is set, every process of
# every build would otherwise compile it again (compileall skips what is up to date).
setup: apt $(STAMP) $(NPM_STAMP) $(LEXICON)
	@$(PY) -m compileall -q src/galley >/dev/null

# Installs those of the Debian packages $(1) that are missing.
define apt_install
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

apt:
	$(call apt_install,$(APT_PACKAGES))

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The validators the tests run (package.json, pinned by package-lock.json): DAISY Ace, axe-core with
# puppeteer-core, vnu-jar. They drive Debian's chromium: npm downloads no browser. Debian's npm comes
# apart from its nodejs (NodeSource's nodejs carries its own npm): installed only when missing.
$(NPM_STAMP): package.json package-lock.json
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends npm; }
	PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

$(LEXICON): $(STAMP) src/galley/lexicon.py src/galley/data/languages/kk.yaml
	$(PY) -m galley.lexicon

# The image is built and checked first (about 5 minutes: `make image-test`), so that pytest's
# summary closes the run.
# The tests start with the container image's build and check (about 2.5 minutes on an idle machine):
# a change that the image lacks (a Debian package, a file) fails here, not on a cluster.
test: setup
	$(MAKE) --no-print-directory image image-test
	$(VENV)/bin/pytest

# The text pipeline's fuzz test (decode → normalize → structure → canonical Markdown) at 10,000
# cases from its fixed seed; `make test` runs 1,000 of them.
fuzz: setup
	GALLEY_FUZZ_CASES=10000 $(VENV)/bin/pytest tests/test_fuzz_pipeline.py -q -s

lint: setup
	$(VENV)/bin/ruff check .
	$(SNAKEMAKE) --lint

bench: setup
	$(PY) bench/normalize_throughput.py
	$(PY) bench/pipeline.py
	$(PY) bench/large_input.py

# Build every article of ../shared/corpus (or CORPUS=DIR) into output/fidelity/ and score its JATS against
# its truth.json; the HTML report is output/fidelity/fidelity.html. FIDELITY_ARGS passes options, e.g.
# FIDELITY_ARGS="--set typeset --output /tmp/build --json scores.json".
fidelity: setup
	$(PY) bench/fidelity.py --output output/fidelity $(if $(CORPUS),--corpus $(CORPUS)) $(FIDELITY_ARGS)

image-tools:
	$(call apt_install,$(IMAGE_TOOLS))

image: image-tools
	BUILD_CA=$(BUILD_CA) scripts/image.sh $(IMAGE) $(IMAGE_APT_PACKAGES)

image-test: setup image-tools
	scripts/image-test.sh $(IMAGE)

# REGISTRY: where your cluster pulls from, e.g. registry.example.org/journal (log in first:
# `buildah login registry.example.org`); pushed as $(REGISTRY)/$(IMAGE).
image-push: image-tools
	@test -n "$(REGISTRY)" || { echo "make image-push REGISTRY=host/path (your registry)"; exit 2; }
	buildah push $(IMAGE) docker://$(REGISTRY)/$(IMAGE)

clean:
	rm -rf output .snakemake build
