// `npm run mock -- <flags>`: runs the mock command of cli/commands/mock.ts from one esbuild bundle (no TypeScript
// loader at start-up), with the flags npm passes through.
// The bundle is rebuilt only when one of its inputs changed since the last build.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commandBundleOptions } from "./bundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// One bundle per checkout: git worktrees that share one node_modules must not run each other's build.
const checkout = createHash("sha256").update(root).digest("hex").slice(0, 12);
const cacheDir = `${root}node_modules/.cache/connect-contracts/${checkout}`;
const outfile = `${cacheDir}/mock-server.mjs`;
const inputsFile = `${cacheDir}/mock-server.inputs.json`;

function isFresh() {
  try {
    const builtAt = statSync(outfile).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    return inputs.every((input) => statSync(`${root}${input}`).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

if (!isFresh()) {
  const { build } = await import("esbuild");
  // Built beside the target and renamed, so two starts at once never run a half-written bundle.
  const partial = `${outfile}.${process.pid}.mjs`;
  mkdirSync(cacheDir, { recursive: true });
  const result = await build({ ...commandBundleOptions, entryPoints: [`${root}cli/commands/mock.ts`], outfile: partial, metafile: true });
  renameSync(partial, outfile);
  writeFileSync(inputsFile, JSON.stringify([...Object.keys(result.metafile.inputs), "cli/bundle.mjs", "cli/launch-mock.mjs"]));
}
const { runMockCommand } = await import(outfile);
await runMockCommand(process.argv.slice(2));
