# kyodo — build, test, run. Plain GNU make; see docs/development.md.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/kyodo
SYSCONFDIR ?= /etc
VERSION  := 0.1.0

CC       ?= cc
CXX      ?= g++
PKGS     := sqlite3 libsodium libctemplate zlib
CPPFLAGS += -Isrc -D_GNU_SOURCE -DKYODO_VERSION='"$(VERSION)"' -DKYODO_DATADIR='"$(DATADIR)"' -DKYODO_SYSCONFDIR='"$(SYSCONFDIR)"'
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c17 -Wall -Wextra -Werror -MMD -MP
CXXFLAGS ?= -O2 -g
CXXFLAGS += -std=c++17 -Wall -Wextra -Werror -MMD -MP
LDLIBS   := -lfcgi $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lsodium -lctemplate -lz) -lpthread

SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

C_SRC    := $(shell find src -name '*.c' | sort)
CXX_SRC  := src/view/template.cc
LIB_C    := $(filter-out src/main.c,$(C_SRC))
OBJ      := $(C_SRC:src/%.c=build/obj/%.o) $(CXX_SRC:src/%.cc=build/obj/%.o)
LIB_OBJ  := $(filter-out build/obj/main.o,$(OBJ))
AOBJ     := $(OBJ:build/obj/%=build/asan/obj/%)
ALIB_OBJ := $(filter-out build/asan/obj/main.o,$(AOBJ))
TESTS    := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
TOKENS   := node_modules/@digital-go-jp/design-tokens/dist/tokens.css


.PHONY: uninstall all asan unit unit-asan test run deps lint format install clean bench fuzz valgrind tokens

all: build/kyodo tokens

# Rebuild config.o when the install paths change (make install PREFIX=…).
build/datadir.stamp: FORCE
	@mkdir -p build
	@echo '$(DATADIR) $(SYSCONFDIR)' | cmp -s - $@ || echo '$(DATADIR) $(SYSCONFDIR)' > $@
build/obj/server/config.o build/asan/obj/server/config.o: build/datadir.stamp
build/obj/main.o build/asan/obj/main.o: build/datadir.stamp
FORCE:

build/kyodo: $(OBJ)
	$(CXX) -o $@ $(OBJ) $(LDLIBS)

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/obj/%.o: src/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

# ASan + UBSan build of the binary and of the unit tests.
asan: build/asan/kyodo

build/asan/kyodo: $(AOBJ)
	$(CXX) $(SAN) -o $@ $(AOBJ) $(LDLIBS)

build/asan/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(SAN) -c -o $@ $<

build/asan/obj/%.o: src/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -O1 $(SAN) -c -o $@ $<

# What the unit tests share (tests/unit/testdb.c), linked into each one.
build/tests/testdb.o: tests/unit/testdb.c tests/unit/testdb.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -c -o $@ $<

build/asan/tests/testdb.o: tests/unit/testdb.c tests/unit/testdb.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(SAN) -Itests/unit -c -o $@ $<

build/tests/%: tests/unit/%.c build/tests/testdb.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MT $@ -Itests/unit -c -o $@.o $<
	$(CXX) -o $@ $@.o build/tests/testdb.o $(LIB_OBJ) $(LDLIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c build/asan/tests/testdb.o $(ALIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MT $@ -O1 $(SAN) -Itests/unit -c -o $@.o $<
	$(CXX) $(SAN) -o $@ $@.o build/asan/tests/testdb.o $(ALIB_OBJ) $(LDLIBS) -lcmocka

# Unit tests run from the top directory (they read schema/ and templates/).
unit: $(TESTS:%=build/tests/%)
	@rc=0; for t in $^; do echo "== $$t"; $$t || rc=1; done; exit $$rc

unit-asan: $(TESTS:%=build/asan/tests/%)
	@rc=0; for t in $^; do echo "== $$t"; \
	  ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $$t || rc=1; done; exit $$rc

# The デジタル庁 design tokens, copied from npm into the served tree.
tokens:
	@if [ -f $(TOKENS) ]; then mkdir -p static/vendor; \
	  cmp -s $(TOKENS) static/vendor/tokens.css || cp $(TOKENS) static/vendor/tokens.css; fi

deps:
	@scripts/deps.sh --run

run: deps all
	@scripts/run.sh

test:
	@scripts/deps.sh --test
	@$(MAKE) --no-print-directory -j2 all asan
	@tests/run.sh

lint:
	@scripts/lint.sh

format:
	clang-format -i $(C_SRC) $(shell find src tests -name '*.h') tests/unit/*.c

bench: all
	@scripts/deps.sh --bench
	@tests/bench/run.sh

fuzz:
	@tests/fuzz/run.sh

valgrind: $(TESTS:%=build/tests/%)
	@for t in $^; do valgrind --error-exitcode=1 --leak-check=full -q $$t || exit 1; done

install: build/kyodo tokens
	@test -f static/vendor/tokens.css || { echo "install: static/vendor/tokens.css is missing: run 'make deps' first (npm design tokens)"; exit 1; }
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/examples
	install -m 755 build/kyodo $(DESTDIR)$(BINDIR)/kyodo
	rm -rf $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/static $(DESTDIR)$(DATADIR)/schema
	cp -R templates static schema $(DESTDIR)$(DATADIR)/
	install -m 644 docs/examples/* $(DESTDIR)$(DATADIR)/examples/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kyodo
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(AOBJ:.o=.d)
# The unit tests and testdb.o depend on the headers they include too (a
# changed struct in a header must rebuild them, not only the library).
-include $(wildcard build/tests/*.d build/asan/tests/*.d)
