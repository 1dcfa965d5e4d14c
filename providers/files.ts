import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageName = "connect-contracts";

/**
 * connect-contracts' own package.json, found by walking up from this module: the same code runs from the
 * sources (`cli/`), the compiled package (`dist/cli/`) and the `npm run mock` bundle
 * (`node_modules/.cache/...`), each at a different depth.
 */
function ownManifest(): { directory: string; version: string } {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === packageName && manifest.version) return { directory, version: manifest.version };
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`${packageName}: no package.json of ${packageName} above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

/** The version in connect-contracts' package.json. */
export function packageVersion(): string {
  return ownManifest().version;
}

/** The folder of connect-contracts' package.json: where `specs/` and `docs/` are, in the sources and in the installed package. */
export function packageRoot(): string {
  return ownManifest().directory;
}
