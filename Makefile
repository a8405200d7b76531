# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: run test lint format validate console clean audio audio-tools print-tools bench

# The venv is rebuilt when pyproject.toml changes; the stamp records the last install.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# Without TELEGRAM_BOT_TOKEN: explain how to get one and open the terminal chat. With it,
# make the spoken messages' audio first (only what is missing), then serve.
run: $(VENV)/.installed
	@if [ -z "$$TELEGRAM_BOT_TOKEN" ]; then \
		$(PY) -m bot console; \
	else \
		$(MAKE) --no-print-directory audio || \
			echo "(spoken messages will be sent as text until \`make audio\` works)"; \
		$(PY) -m bot run; \
	fi

# Debian packages, installed when missing (as root, or with sudo): espeak-ng and opusenc
# make the spoken messages' audio; Chromium and the Noto fonts (Arabic, CJK, emoji for the
# flags) print leaflets to PDF, for `leaflet -o x.pdf` and the leaflet tests.
APT := DEBIAN_FRONTEND=noninteractive $(shell [ "$$(id -u)" = 0 ] || echo sudo) apt-get
APT_INSTALL = $(APT) install -y -qq --no-install-recommends $(1) || \
	{ $(APT) update -qq && $(APT) install -y -qq --no-install-recommends $(1); }
AUDIO_PACKAGES := espeak-ng opus-tools
PRINT_PACKAGES := chromium fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji

audio-tools:
	@command -v espeak-ng >/dev/null && command -v opusenc >/dev/null || \
		{ $(call APT_INSTALL,$(AUDIO_PACKAGES)); }

print-tools:
	@command -v chromium >/dev/null && fc-list | grep -q "Noto Sans CJK" && \
		fc-list | grep -q "Noto Color Emoji" && fc-list | grep -q "Noto Sans Arabic" || \
		{ $(call APT_INSTALL,$(PRINT_PACKAGES)); }

audio: $(VENV)/.installed audio-tools
	$(PY) -m bot audio build

console: $(VENV)/.installed
	$(PY) -m bot console

validate: $(VENV)/.installed
	$(PY) -m bot validate

lint: $(VENV)/.installed
	$(PY) -m ruff check bot tests bench
	$(PY) -m ruff format --check bot tests bench

format: $(VENV)/.installed
	$(PY) -m ruff format bot tests bench
	$(PY) -m ruff check --fix bot tests bench

test: lint audio-tools print-tools
	$(PY) -m bot validate
	$(PY) -m pytest

# The benchmark (not part of `make test`): the bot against a bare echo bot; see BENCHMARKS.md.
bench: $(VENV)/.installed
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info
