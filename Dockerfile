# Starmap: one image that serves the API and the built web app from one Node process.
# Build stage: the whole workspace with pnpm; runtime stage: production deps only, non-root.
FROM node:20-bookworm-slim AS build
WORKDIR /src
RUN npm install -g pnpm@10
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
RUN pnpm build \
 && pnpm --filter @starmap/server deploy --prod --legacy /out/server \
 && cp -r apps/web/dist /out/web

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 STARMAP_WEB_DIR=/app/web
WORKDIR /app
COPY --from=build /out/server /app/server
COPY --from=build /out/web /app/web
USER node
EXPOSE 8080
# No relay or agent configured: the embedded demo cluster starts on loopback.
ENTRYPOINT ["node", "/app/server/dist/cli.js"]
CMD ["start"]
