# Tern: the two commands a newcomer needs are `make demo` and `make test`.
# Everything else is a thin wrapper around CMake.

BUILD_DIR ?= build
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 600

.PHONY: all deps build test demo bench fuzz install format clean

all: build

deps:
	bash scripts/deps.sh all

build:
	bash scripts/deps.sh build
	cmake -S . -B $(BUILD_DIR) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

# Installs what is missing, builds, runs the suite plainly and under
# ASan+UBSan, runs the fuzz smoke, prints ctest's summaries; fails on any
# failure.
test:
	bash scripts/test.sh

demo:
	bash scripts/demo.sh

bench:
	bash scripts/bench.sh

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-asan build-fuzz build-bench
