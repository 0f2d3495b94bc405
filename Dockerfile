# Starmap: one image that serves the API and the built web app from one Node process.
#   docker build -t starmap:0.1.0 .
#   docker run --rm -p 127.0.0.1:8080:8080 --read-only --tmpfs /tmp starmap:0.1.0
# With nothing configured it shows the embedded demo cluster; HUBBLE_SERVER and the other
# variables of `starmap start --help` point it at a real one.

# Build stage: the whole workspace with pnpm, then a production-only copy of the server.
FROM node:20-bookworm-slim AS build
WORKDIR /src
# The version in package.json's packageManager field, so pnpm does not switch itself.
RUN npm install -g pnpm@10.34.9
# Manifests first: the dependency layer is rebuilt only when they change. Every workspace
# package's manifest must be here or `--frozen-lockfile` fails.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/core/package.json packages/core/
COPY packages/proto/package.json packages/proto/
COPY packages/sim/package.json packages/sim/
RUN pnpm install --frozen-lockfile
COPY proto proto
COPY packages packages
COPY apps apps
# `pnpm deploy` copies each workspace package by its `files` field (dist; gen for @starmap/proto)
# with production dependencies only. The web app goes beside it as web/dist, where the server
# looks by default (../../web/dist from its dist/).
RUN pnpm build \
 && pnpm --filter @starmap/server deploy --prod --legacy /out/server \
 && mkdir -p /out/web \
 && cp -r apps/web/dist /out/web/dist

# Runtime stage: Node and the deployed server, nothing else; runs as uid 1000 (the image's
# `node` user, numeric so Kubernetes can check runAsNonRoot) with a read-only root filesystem.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    STARMAP_WEB_DIR=/app/web/dist
WORKDIR /app
COPY --from=build --chown=0:0 /out/server /app/server
COPY --from=build --chown=0:0 /out/web /app/web
USER 1000:1000
EXPOSE 8080
# The demo cluster writes its agent socket under os.tmpdir(): with --read-only, mount /tmp (tmpfs).
ENTRYPOINT ["node", "/app/server/dist/cli.js"]
CMD ["start"]
