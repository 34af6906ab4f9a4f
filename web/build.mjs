// Builds the dashboard into the Python package (src/frontwire/server/static/), which
// `frontwire serve` serves at /. Everything is bundled: no CDN, no tile server.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

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

// The API docs (/docs, /redoc) from npm, served from here rather than a CDN.
const docs = out + "docs/";
mkdirSync(docs, { recursive: true });
for (const [from, to] of [
  ["node_modules/swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["node_modules/swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
  ["docs/swagger-init.js", "swagger-init.js"],
  ["docs/swagger.html", "swagger.html"],
  ["docs/redoc.html", "redoc.html"],
]) copyFileSync(from, docs + to);

// ReDoc's sidebar shows Redocly's logo from their CDN: offline (and under our CSP) that is a
// blocked request and a console error, so the bundle gets an empty inline image instead.
const REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const redoc = readFileSync("node_modules/redoc/bundles/redoc.standalone.js", "utf8");
if (!redoc.includes(REDOC_LOGO)) console.warn(`build: ${REDOC_LOGO} not found in ReDoc; check /redoc offline`);
writeFileSync(docs + "redoc.standalone.js", redoc.replaceAll(REDOC_LOGO, "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"));
