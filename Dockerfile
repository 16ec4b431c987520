# syntax=docker/dockerfile:1
# Multi-stage: production dependencies are installed in their own stage; the runtime image holds
# only node_modules, the sources, the migrations and the schema, and runs as the unprivileged
# `node` user (uid 1000). Build: docker build -t iam-decision-service:0.1.0 .

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:20-slim AS runtime
# NODE_ENV=production turns GraphQL introspection and the IDE off unless GRAPHQL_INTROSPECTION=true.
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY db ./db
COPY schema ./schema
# DATA_DIR (./data) must stay writable when the root filesystem is read-only: mount a volume there.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# tsx (a runtime dependency) runs the TypeScript sources. main.ts handles SIGTERM itself.
# The migration job runs the same image with: node --import tsx src/server/migrate-main.ts
# A 64 MiB young generation: the decision path allocates many short-lived objects, and the default
# (16 MiB) spends up to 40 % of a busy server in scavenges (README, "Benchmarks").
CMD ["node", "--import", "tsx", "src/server/main.ts"]
