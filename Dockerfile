# syntax=docker/dockerfile:1
#
# The signer image for docker/buildah users. `npm run image` builds the reference image without
# Docker (see src/image/); this file gives the same layout: the CLI's launcher at /opt/signet/signet.cjs
# and its bundle beside it (signet-cli.cjs),
# node at /usr/bin/node, user 65532:65532, working dir /home/nonroot, no secrets in ENV.
# Its digest differs from signer-image.lock.json (different base, different layer encoding); if you
# deploy this image, pass its digest to the constructs instead of the locked one.
#
#   docker buildx build -t REGISTRY/signet:VERSION .      # or: buildah bud -t REGISTRY/signet:VERSION .
#
# Both bases are pinned by digest. The digests below are the ones published in public Dockerfiles
# for node:20-bookworm-slim and nodejs20-debian12 (tags dropped: the digest alone decides) and could not be re-resolved from the machine this was written on; refresh them
# with `crane digest gcr.io/distroless/nodejs20-debian12:nonroot` and
# `crane digest docker.io/library/node:20-bookworm-slim` before relying on them.
ARG BUILD_IMAGE=docker.io/library/node@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0
ARG BASE_IMAGE=gcr.io/distroless/nodejs20-debian12@sha256:03d681b39b9251008fa2ba8de0f74cb4d909d4ef95f3f66090da29536c3b5cae

FROM ${BUILD_IMAGE} AS bundle
WORKDIR /src
COPY package.json package-lock.json ./
# esbuild's binary comes from its optional platform package, so install scripts are not needed
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts/bundle.mjs scripts/bundle.mjs
COPY src/ src/
RUN node scripts/bundle.mjs \
 # distroless keeps node at /nodejs/bin/node and has no shell to make links, so make the
 # /usr/bin/node link here; the Task runs /usr/bin/node explicitly
 && mkdir -p /out/usr/bin /out/opt/signet \
 && ln -s /nodejs/bin/node /out/usr/bin/node \
 && cp build/signer/signet.cjs build/signer/signet-cli.cjs /out/opt/signet/ \
 && chmod 0644 /out/opt/signet/signet.cjs /out/opt/signet/signet-cli.cjs

FROM ${BASE_IMAGE}
COPY --from=bundle --chown=0:0 /out/ /
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532:65532
WORKDIR /home/nonroot
ENTRYPOINT ["/usr/bin/node", "/opt/signet/signet.cjs"]
CMD []
LABEL org.opencontainers.image.title="signet" \
      org.opencontainers.image.description="signet signer: cosign-compatible image signing" \
      org.opencontainers.image.source="https://github.com/signet-dev/signet" \
      org.opencontainers.image.licenses="Apache-2.0"
