#!/usr/bin/env bash
# Builds the pipeline's OCI image (`make image`): mmdebstrap makes the Debian base from Debian's
# archive straight into an empty buildah container, buildah commits it as the base, and
# `buildah bud` runs the Containerfile on it. Usage: scripts/image.sh IMAGE PACKAGES...
# (IMAGE: name:tag; PACKAGES: the Debian packages of the base). Environment: MIRROR, SUITE,
# BUILD_CA (a CA bundle pip uses during the build only), SOURCE_DATE_EPOCH (timestamps).
set -euo pipefail
image=$1; shift
suite=${SUITE:-bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}
security=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
base="localhost/galley-base:$suite"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

previous=$(buildah images --quiet "$image" 2>/dev/null || true)  # replaced below: removed then

container=$(buildah from scratch)
trap 'buildah rm "$container" >/dev/null 2>&1 || true' EXIT
root=$(buildah mount "$container")
# Only what runs: no recommends, no manuals, documentation or translations (licences kept),
# no package lists or caches (mmdebstrap's default clean-up).
mmdebstrap --variant=apt --quiet \
    --include="$(echo "$@" | tr ' ' ',')" \
    --aptopt='Acquire::Languages "none"' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    "$suite" "$root" \
    "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $security $suite-security main"
buildah umount "$container" >/dev/null
buildah config --env LANG=C.UTF-8 "$container"
buildah commit --quiet --timestamp "$SOURCE_DATE_EPOCH" "$container" "$base" >/dev/null

ca_args=()
if [ -s "${BUILD_CA:-}" ]; then
    ca_args=(--volume "$BUILD_CA:/run/galley-build-ca.crt:ro" --build-arg PIP_CERT=/run/galley-build-ca.crt)
fi
buildah bud --quiet --isolation chroot --squash --timestamp "$SOURCE_DATE_EPOCH" \
    --build-arg BASE="$base" "${ca_args[@]}" -f Containerfile -t "$image" .
buildah rmi "$base" >/dev/null 2>&1 || true
if [ -n "$previous" ] && [ "$previous" != "$(buildah images --quiet "$image")" ]; then
    buildah rmi "$previous" >/dev/null 2>&1 || true
fi
echo "$image: $(buildah images --format '{{.Size}}' "$image" | head -1)"
