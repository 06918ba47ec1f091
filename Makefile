# Ritme: `make run` serves http://127.0.0.1:8080, `make test` runs every suite.
# Both install what is missing first (scripts/setup.sh).
PRESET ?= release
BUILD_DIR := build/$(PRESET)
DB ?= sqlite:var/ritme.db

.PHONY: all setup build run test test-slow test-asan screenshots bench format clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET)

run: build
	@mkdir -p var
	$(BUILD_DIR)/ritme migrate --db $(DB)
	$(BUILD_DIR)/ritme serve --db $(DB)

# The test presets leave out the long campaigns (ctest label slow); test-slow runs them.
test: build
	@ctest --preset $(PRESET) --no-label-summary

test-slow: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure --no-label-summary --label-regex slow

# The browser tests' screenshots, as shown in docs/ and linked from the README.
screenshots: build
	@ctest --preset $(PRESET) -R '^e2e\.' --output-on-failure
	@mkdir -p docs/screenshots && cp $(BUILD_DIR)/screenshots/*.png docs/screenshots/

test-asan:
	@$(MAKE) --no-print-directory test PRESET=dev

bench: build
	@bench/run.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp')

clean:
	rm -rf build
