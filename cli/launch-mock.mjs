// `npm run mock -- <flags>`: runs the mock command of cli/commands/mock.ts from one esbuild bundle (no TypeScript
// loader at start-up), with the flags npm passes through.
// The bundle is rebuilt only when one of its inputs changed since the last build.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

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
  const result = await build({
    entryPoints: [`${root}cli/commands/mock.ts`],
    outfile: partial,
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    legalComments: "none",
    metafile: true,
    // Imported on the first `Prefer: dynamic` answer only: left out of the bundle so no start parses it.
    external: ["@faker-js/faker"],
    logLevel: "warning",
    // CommonJS dependencies (ajv) may `require`; give the ESM bundle a `require`.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  });
  renameSync(partial, outfile);
  writeFileSync(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
}
const { runMockCommand } = await import(outfile);
await runMockCommand(process.argv.slice(2));
