# syntax=docker/dockerfile:1
# Multi-stage: the TypeScript is compiled to plain JavaScript in a build stage (all dependencies),
# production dependencies are installed in their own stage, and the runtime image holds only those
# node_modules, the compiled dist/, the migrations and package.json (which makes dist/ ES modules and
# marks the package folder the migrations are found from). It runs as the unprivileged `node` user
# (uid 1000). Build: docker build -t iam-decision-service:0.1.0 .

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
# No dependency runs an install script; the patches of patches/ (patch-package, which `npm install`
# applies as the postinstall step) are applied explicitly.
RUN npm ci --omit=dev --ignore-scripts && npx patch-package --error-on-fail && npm cache clean --force

FROM node:20-slim AS runtime
# NODE_ENV=production turns GraphQL introspection and the IDE off unless GRAPHQL_INTROSPECTION=true.
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY db ./db
# DATA_DIR (./data) must stay writable when the root filesystem is read-only: mount a volume there.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# Plain node on the compiled JavaScript (no tsx at run time). main.js handles SIGTERM itself.
# The migration job runs the same image with: node dist/src/server/migrate-main.js
# V8's default young generation (16 MiB semi-spaces) keeps the cold-path p99 low; batch-heavy
# replicas may set NODE_OPTIONS=--max-semi-space-size=32 (README, "Benchmarks").
CMD ["node", "dist/src/server/main.js"]
