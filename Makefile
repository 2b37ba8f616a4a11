# dockerlab — the two commands: `make lab` (start the course) and `make test` (run every test).
# Both set up what is missing first; a second run reinstalls nothing when nothing changed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_VENV := $(VENV)/.installed
STAMP_COURSE := .stamp-system-course
STAMP_TEST := .stamp-system-test
STAMP_HUB := .stamp-system-hub
# The class venv (`make hub`, tests/test_hub.py): built from a Python every learner can run
# (the system's), outside any home, with the package copied in (not editable: a teacher's
# checkout may sit in a home learners cannot enter). One per checkout.
KELAS_PYTHON ?= /usr/bin/python3
KELAS_VENV ?= /opt/dockerlab-kelas/venv-$(shell printf %s '$(CURDIR)' | sha256sum | cut -c1-12)
KELAS_SOURCES := $(shell find dockerlab -name '*.py' -o -name '*.css') pyproject.toml
USERS ?=
HUB_PORT ?= 8000
HUB_IP ?= 0.0.0.0
HUB_SSL_CERT ?=
HUB_SSL_KEY ?=
LAB_PORT ?= 8888
LAB_ARGS ?=
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))

.PHONY: hub hub-venv hub-remove hub-root lab test test-unit test-notebooks test-notebooks-docker notebooks bench setup setup-test arm64-busybox clean help

help:
	@echo "make lab    — siapkan semuanya lalu jalankan JupyterLab; alamat yang dibuka dicetak di terminal"
	@echo "sudo make hub USERS=20 — kelas di satu server: JupyterHub, akun peserta, registry kelas (atau users.txt)"
	@echo "Untuk kontributor:"
	@echo "make test   — siapkan semuanya lalu jalankan seluruh tes (pytest, nbval, browser)"
	@echo "make bench  — jalankan benchmark kecepatan dan memori"

# --- set-up -----------------------------------------------------------------------------------
$(STAMP_COURSE): scripts/system-deps.sh
	@bash scripts/system-deps.sh course
	@touch $@

$(STAMP_HUB): scripts/system-deps.sh
	@bash scripts/system-deps.sh hub
	@touch $@

$(STAMP_TEST): scripts/system-deps.sh
	@bash scripts/system-deps.sh test
	@touch $@

$(STAMP_VENV): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(STAMP_COURSE) $(STAMP_VENV)
setup-test: $(STAMP_TEST) $(STAMP_VENV) $(KELAS_VENV)/.installed

$(KELAS_VENV)/.deps: pyproject.toml
	@test -x $(KELAS_VENV)/bin/python || $(KELAS_PYTHON) -m venv $(KELAS_VENV)
	$(KELAS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(KELAS_VENV)/bin/python -m pip install --quiet '.[hub]'
	@touch $@

$(KELAS_VENV)/.installed: $(KELAS_VENV)/.deps $(KELAS_SOURCES)
	$(KELAS_VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall . 2>/dev/null
	@chmod -R a+rX $(KELAS_VENV)
	@touch $@

hub-venv: $(KELAS_VENV)/.installed

arm64-busybox:
	@bash scripts/system-deps.sh test

# --- the course -------------------------------------------------------------------------------
# `make lab` prints the address to open (JupyterLab runs with --no-browser: on a server, in WSL or
# over SSH no browser can be opened for you). `sudo make lab` installs the system packages as
# root and then serves JupyterLab as the user who typed it (SUDO_USER), never as root: the .venv
# and the course's files stay theirs. Only a real root login (a container) serves as root.
LAB_TOKEN ?=
LAB_USER := $(if $(filter 0,$(shell id -u)),$(SUDO_USER))
LAB_URL = http://127.0.0.1:$(LAB_PORT)/lab/tree/notebooks/00-pengantar.ipynb

lab: $(if $(LAB_USER),$(STAMP_COURSE),setup)
ifneq ($(LAB_USER),)
	@echo "Paket sistem sudah terpasang. JupyterLab dijalankan sebagai $(LAB_USER), bukan sebagai root."
	@runuser -u '$(LAB_USER)' -- env HOME="$$(getent passwd '$(LAB_USER)' | cut -d: -f6)" \
		USER='$(LAB_USER)' LOGNAME='$(LAB_USER)' $(MAKE) --no-print-directory lab \
		LAB_PORT='$(LAB_PORT)' LAB_TOKEN='$(LAB_TOKEN)' LAB_ARGS='$(LAB_ARGS)'
else
	@token='$(LAB_TOKEN)'; [ -n "$$token" ] || token=$$($(PY) -c 'import secrets; print(secrets.token_hex(24))'); \
	echo ""; \
	echo "  Buka alamat ini di browser (Open this address in a browser):"; \
	echo "  $(LAB_URL)?token=$$token"; \
	echo "  Berhenti: Ctrl+C di terminal ini."; \
	echo ""; \
	exec $(VENV)/bin/jupyter lab --no-browser --port=$(LAB_PORT) --ServerApp.port_retries=0 \
		--IdentityProvider.token="$$token" $(ALLOW_ROOT) $(LAB_ARGS) \
		--ServerApp.root_dir=$(CURDIR) notebooks/00-pengantar.ipynb
endif

# --- a class on one server ---------------------------------------------------------------------
# `sudo make hub USERS=20` (peserta01 … peserta20) or `sudo make hub` with users.txt (one name a
# line): makes the learners' system users and homes, then runs JupyterHub in the foreground.
# The logins to hand out: /var/lib/dockerlab-kelas/akun.csv. `sudo make hub-remove` deletes the
# accounts it made. See notebooks/panduan-pengajar.md ("Kelas di JupyterHub").
hub: hub-root $(STAMP_HUB) $(KELAS_VENV)/.installed
	KELAS_SSL_CERT='$(HUB_SSL_CERT)' KELAS_SSL_KEY='$(HUB_SSL_KEY)' \
	$(KELAS_VENV)/bin/python -m dockerlab.kelas start $(if $(USERS),--users $(USERS),--users-file users.txt) \
		--port $(HUB_PORT) --ip $(HUB_IP)

hub-root:
	@test "$$(id -u)" = 0 || { echo "make hub membuat akun sistem untuk peserta: jalankan sebagai root (sudo make hub USERS=20)." >&2; exit 1; }

hub-remove: hub-root
	$(KELAS_VENV)/bin/python -m dockerlab.kelas remove

# --- tests ------------------------------------------------------------------------------------
test: setup-test
	$(MAKE) --no-print-directory test-unit test-notebooks test-notebooks-docker

test-unit: setup-test
	KELAS_VENV=$(KELAS_VENV) $(PY) -m pytest tests

# Strict output comparison on the embedded engine (the stored outputs were made with it).
test-notebooks: setup-test
	$(PY) -m pytest -p no:cacheprovider --nbval --nbval-sanitize-with notebooks/sanitize.cfg \
		--dockerlab-engine=local $(NOTEBOOKS)

# The same notebooks against a real Docker Engine the session starts: run, do not compare.
test-notebooks-docker: setup-test
	$(PY) -m pytest -p no:cacheprovider --nbval-lax --dockerlab-engine=docker $(NOTEBOOKS)

# Re-execute the notebooks in place, as nbval's strict run will compare them: the embedded engine,
# a fresh DOCKERLAB_HOME, default language and epoch. `make notebooks NB=notebooks/05-tag.ipynb` for one.
NB ?= $(NOTEBOOKS)
notebooks: setup-test
	@home=$$(mktemp -d); trap 'rm -rf "$$home"' EXIT; \
	env -u DOCKERLAB_LANG -u SOURCE_DATE_EPOCH -u DOCKER_HOST DOCKERLAB_HOME=$$home DOCKERLAB_ENGINE=local \
		$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False $(NB)

# Every benchmark runs, whatever the ones before it did; every missed target is listed at the end.
bench: setup-test
	@$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) $(KELAS_VENV) $(STAMP_COURSE) $(STAMP_TEST) $(STAMP_HUB) .pytest_cache test-output
