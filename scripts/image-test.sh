#!/usr/bin/env bash
# `make image-test`: builds the sample (sources/) inside the image and on this machine, then compares
# every article's outputs: the same bytes for JATS, HTML and EPUB, the same text for the PDF
# (pdftotext). Both builds get the same SOURCE_DATE_EPOCH (the EPUB's dcterms:modified) and the same
# relative output folder, so any difference is the image's. Usage: scripts/image-test.sh IMAGE
set -euo pipefail
image=$1
work=build/image-test
out=$work/out          # the output folder both builds are given (relative to the project)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1700000000)}

buildah images --quiet "$image" >/dev/null 2>&1 || { echo "no image $image: run 'make image' first" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work/image" "$work/local"

echo "== the sample's build inside $image"
container=$(buildah from --quiet "$image")
trap 'buildah rm "$container" >/dev/null 2>&1 || true' EXIT
buildah run --isolation chroot \
    --volume "$PWD/sources:/opt/galley/sources:ro" \
    --volume "$PWD/$work/image:/opt/galley/$out" \
    "$container" -- env SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" \
    snakemake --cores 2 --quiet --config output="$out"

echo "== the same build on this machine"
.venv/bin/snakemake --cores 2 --quiet --config output="$out"
mv "$out"/* "$work/local/" && rmdir "$out"

status=0
compared=0
for local_xml in "$work"/local/*/*.xml; do
    slug=$(basename "$local_xml" .xml)
    for ext in xml html epub; do
        if cmp -s "$work/local/$slug/$slug.$ext" "$work/image/$slug/$slug.$ext"; then
            echo "same bytes: $slug.$ext"
        else
            echo "DIFFERENT: $slug.$ext ($work/local/$slug/ and $work/image/$slug/)"; status=1
        fi
    done
    if diff -q <(pdftotext -q "$work/local/$slug/$slug.pdf" -) <(pdftotext -q "$work/image/$slug/$slug.pdf" -) >/dev/null; then
        echo "same text: $slug.pdf"
    else
        echo "DIFFERENT text: $slug.pdf"; status=1
    fi
    compared=$((compared + 1))
done
[ "$compared" -gt 0 ] || { echo "no article was built: nothing compared" >&2; exit 1; }
echo "$compared article(s) compared: $([ $status = 0 ] && echo 'the image builds the same outputs' || echo 'differences above')"
exit $status
