// Builds the dashboard into the Python package (src/frontwire/server/static/), which
// `frontwire serve` serves at /. Everything is bundled: no CDN, no tile server.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const out = new URL("../src/frontwire/server/static/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2020"],
  outfile: out + "app.js",
  loader: { ".json": "json", ".png": "dataurl", ".svg": "dataurl" },
  logLevel: "warning",
});
copyFileSync("index.html", out + "index.html");
