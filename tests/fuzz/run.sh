#!/bin/sh
# make fuzz: build the libFuzzer harnesses with clang (ASan + UBSan) and run
# each for FUZZ_SECONDS (default 60). Needs clang and libclang-rt-14-dev.
set -eu
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-60}
mkdir -p build/fuzz
for h in tests/fuzz/fuzz_*.c; do
	name=$(basename "$h" .c)
	clang -g -O1 -std=c17 -D_GNU_SOURCE -Isrc \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o "build/fuzz/$name" "$h" src/http/decode.c src/http/router.c \
		src/http/request.c src/util/arena.c \
		src/util/buf.c src/util/csv.c src/util/sjis.c src/http/multipart.c
	corpus="tests/fuzz/corpus/${name#fuzz_}"
	mkdir -p "build/fuzz/$name.corpus"
	"build/fuzz/$name" -max_total_time="$secs" -max_len=4096 \
		"build/fuzz/$name.corpus" "$corpus"
done
