# syntax=docker/dockerfile:1
# One image for every app process. The default command runs the gateway; the worker runs from the same image:
#   docker run IMAGE node_modules/.bin/tsx workers/main.ts
# The app runs its TypeScript through tsx (a runtime dependency), so there is no separate compile step.

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

##### build: install with dev dependencies, type-check, then drop the dev dependencies #####
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NODE_ENV=development \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

COPY package.json package-lock.json ./
# `npm install` honours the lock file; unlike `npm ci` it tolerates other platforms' optional native packages
# missing from it (see scripts/provision.sh).
RUN --mount=type=cache,target=/root/.npm npm install

COPY . .
# Set TYPECHECK=false to skip `tsc` (for a quick local image build only).
ARG TYPECHECK=true
RUN if [ "$TYPECHECK" = "true" ]; then npm run typecheck; fi
RUN npm prune --omit=dev

##### sandbox: the image the Docker sandbox driver runs submitted Python in (SANDBOX_DOCKER_IMAGE) #####
# docker build --target sandbox -t sparkle-sandbox:<tag> .   Nothing of the app is in it: Debian's python3 with
# numpy and pandas, run as 65534 with --network none --read-only --cap-drop ALL (sandbox/docker-driver.ts).
FROM debian:12.12-slim AS sandbox
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-numpy python3-pandas \
 && rm -rf /var/lib/apt/lists/*
USER 65534:65534
WORKDIR /tmp

##### runtime (the default target: keep it last) #####
FROM ${NODE_IMAGE} AS runtime

# python3 with numpy and pandas for the code sandbox; tini reaps zombies and forwards signals to node.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-numpy python3-pandas tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# The docker CLI alone (no engine) for the Docker sandbox driver: the jobs worker starts sandbox containers on the
# host's engine through its socket (docker-compose.yml).
COPY --from=docker:28.2.2-cli /usr/local/bin/docker /usr/local/bin/docker

WORKDIR /app
ENV NODE_ENV=production \
    PORT=8080 \
    METRICS_PORT=9464 \
    npm_config_update_notifier=false

# Code stays owned by root and read-only for the app user; nothing is written under /app at run time.
COPY --from=build /app /app

USER node
EXPOSE 8080 9464

# Gateway liveness. The worker has no /healthz: docker-compose.yml gives it its own check on METRICS_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node_modules/.bin/tsx", "gateway/main.ts"]

