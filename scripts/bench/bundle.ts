import { build } from "esbuild";
import { basename, join } from "node:path";
import { projectRoot } from "./paths.js";

/** Build output lives under reports/ (ignored by git) so bundles still resolve the project's node_modules. */
export const buildDirectory = join(projectRoot, "reports", ".bench-build");

/**
 * Bundles a TypeScript entry into one plain ESM file for `node`, packages left external. Lets an engine
 * start without the tsx loader, to show how much of a cold start is the TypeScript loader's.
 */
export async function bundleForNode(entry: string): Promise<string> {
  const outfile = join(buildDirectory, `${basename(entry).replace(/\.ts$/, "")}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  return outfile;
}
