#!/usr/bin/env bash
# Install the build into a scratch prefix, build tests/install against it,
# and read a sample with the result. Arguments: BUILD_DIR SOURCE_DIR.
set -euo pipefail
build=$1 source=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
cmake -S "$source/tests/install" -B "$scratch/consumer" -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/consumer" >/dev/null
"$scratch/consumer/consumer" "$source/samples/northwind-csa.docx"
