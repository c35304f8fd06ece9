import { defineConfig } from "vitest/config";

// The server serves dist/ itself (index.html at /, monitor.html at /monitor). In development,
// `npm run dev` proxies the server's endpoints to a local server (TICKSTREAM_SERVER overrides).
const server = process.env.TICKSTREAM_SERVER ?? "http://localhost:8080";

export default defineConfig({
  base: "/",
  plugins: [
    {
      // The server answers /monitor with monitor.html; do the same in development.
      name: "monitor-route",
      configureServer(dev) {
        dev.middlewares.use((req, _res, next) => {
          if (req.url === "/monitor" || req.url?.startsWith("/monitor?")) req.url = req.url.replace("/monitor", "/monitor.html");
          if (req.url?.startsWith("/replay/")) req.url = "/replay.html";
          next();
        });
      },
    },
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: { main: "index.html", monitor: "monitor.html", replay: "replay.html" },
      output: {
        // Name the shared chunks for what they are, not for a module Rollup happened to pick.
        manualChunks(id) {
          // Game modules (and their generated messages) apart from the game-neutral protocol.
          if (id.includes("/src/games/") || id.includes("/src/gen/games/")) return "games";
          if (id.includes("node_modules") || id.includes("/src/gen/") || id.includes("/src/protocol/")) return "protocol";
          // Views, controls and panels that both pages use (the game page and the monitor).
          if (id.includes("/src/render/") || /\/src\/ui\/(arena-|football-|game-ui|input-base|feed|panels|test-hook)/.test(id)) return "view";
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": server,
      "/metrics": server,
      "/health": server,
      "/ws": { target: server.replace(/^http/, "ws"), ws: true },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
