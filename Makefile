# llmkg task runner. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= .llmkg/store

.PHONY: install demo test lint eval vocab bench clean

$(BIN)/llmkg: pyproject.toml ingest/parser/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r ingest/parser/requirements.txt
	touch $(BIN)/llmkg

install: $(BIN)/llmkg  ## create .venv and install llmkg with its test tools and the hash-pinned parser

demo: install  ## ingest the sample corpus, show what it found, then serve the API and the graph page
	$(BIN)/llmkg ingest --store $(STORE) examples/corpus
	$(BIN)/llmkg stats --store $(STORE)
	$(BIN)/llmkg lineage --store $(STORE) "Llama 4 Scout"
	$(BIN)/llmkg serve --store $(STORE)

test: install  ## the whole test suite (unit, doctests, pipeline, CLI, API, the page in Chromium)
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	command -v virtuoso-t >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null)
	$(BIN)/python -m pytest tests kg ingest ontology api llmkg --doctest-modules -q

lint: install
	$(BIN)/ruff check kg ingest ontology api llmkg tests scripts bench
	$(BIN)/python scripts/gen_vocab.py --check

eval: install  ## extraction quality on the dev golds and the held-out golds
	$(BIN)/llmkg eval tests/gold/corpus examples/corpus
	$(BIN)/llmkg eval tests/gold/heldout2 tests/gold/heldout2/docs
	$(BIN)/llmkg eval tests/gold/heldout tests/gold/heldout/docs
	$(BIN)/llmkg eval tests/gold/heldout3 tests/gold/heldout3/docs
	$(BIN)/llmkg eval tests/gold/heldout4 tests/gold/heldout4/docs

bench: install  ## the benchmark suite (about 40 min): bench/results.json and the table in docs/performance.md
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python bench/run.py

vocab: install  ## regenerate kg/vocab.py from ontology/llmkg.ttl
	$(BIN)/python scripts/gen_vocab.py

clean:
	rm -rf $(STORE) .pytest_cache
