// `npm run build`, after tsc: the `connect-contracts` bin as one esbuild bundle (dist/cli/bundle/), the contract
// suite and drift in chunks of their own that load only when those commands run.
import { rmSync } from "node:fs";
import { build } from "esbuild";
import { commandBundleOptions } from "./bundle.mjs";

const outdir = "dist/cli/bundle";
rmSync(new URL(`../${outdir}`, import.meta.url), { recursive: true, force: true });
await build({
  ...commandBundleOptions,
  entryPoints: { "connect-contracts": "cli/bin.ts" },
  outdir,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
