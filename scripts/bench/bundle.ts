import { build } from "esbuild";
import { basename, join } from "node:path";
import { projectRoot } from "./paths.js";

/** Build output lives under reports/ (ignored by git) so bundles still resolve the project's node_modules. */
export const buildDirectory = join(projectRoot, "reports", ".bench-build");

/**
 * Bundles a TypeScript entry into one plain ESM file for `node`, packages left external. The floor runs
 * from such a bundle so it pays no TypeScript loader; the profiler uses one with a source map so frames
 * can be traced back to their source lines.
 */
export async function bundleForNode(entry: string, options: { sourceMap?: boolean; name?: string } = {}): Promise<string> {
  const outfile = join(buildDirectory, `${options.name ?? basename(entry).replace(/\.ts$/, "")}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: options.sourceMap ? "external" : false,
    logLevel: "silent",
  });
  return outfile;
}
