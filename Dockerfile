# syntax=docker/dockerfile:1
# The hub as an image: `docker build -t reformgraph .`; compose.yaml runs the whole topology.
# Stage 1 installs from the lockfile and compiles; stage 2 keeps the compiled code, production
# dependencies and the files read at run time (saved queries, seeds, the SQLite read worker).

FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 ships prebuilt binaries for this platform; the tools are the fallback.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# A heap of 256 MB: V8 otherwise grows it lazily toward a quarter of the machine's memory, and a
# hub under load passed 300 MB of RSS with no more live data (npm run bench: 235 MB peak with
# the limit, at the same throughput). Raise it for very large saved-query exports. Semi-spaces
# of 32 MB: Node 24's V8 sizes the young generation from the machine's memory (64 MB semi-spaces,
# 134 MB of new space on 24 GB, where Node 20 kept 34 MB), which alone took the hub's peak RSS
# from about 235 to 300-320 MB; with 32 MB, about 250 MB (docs/performance.md).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=32" \
    PORT=4000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/queries ./queries
COPY --from=build /app/seeds ./seeds
COPY --from=build /app/schema ./schema
COPY --from=build /app/src/db/sqlite-read-worker.js ./src/db/sqlite-read-worker.js
# data/ holds the SQLite file and generated seed files when those are used.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 4000
# Ready means the database answers and no migration is pending (GET /readyz).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve"]
