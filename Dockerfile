# Multi-stage build of both services (one image, the command picks the process).
# Services run from TypeScript source with tsx, as in development: nothing to compile, one code path.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN npm install -g pnpm@10
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY services/api/package.json services/api/
COPY services/worker/package.json services/worker/
COPY packages/config/package.json packages/config/
COPY packages/db/package.json packages/db/
COPY packages/jobs/package.json packages/jobs/
COPY packages/domain/package.json packages/domain/
COPY packages/mail/package.json packages/mail/
COPY packages/testing/package.json packages/testing/
RUN pnpm install --frozen-lockfile

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
RUN npm install -g pnpm@10 && apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app /app
COPY . .
USER node
EXPOSE 3000
CMD ["pnpm", "start:api"]
