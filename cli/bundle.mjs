// How the `connect-contracts` command is bundled with esbuild, in one place for both bundles: the one
// `npm run mock` caches (cli/launch-mock.mjs) and the package's own `bin` (cli/build-bin.mjs, run by
// `npm run build`). One bundle starts in about half the time the compiled files take, most of that saved
// on resolving and reading some hundred modules one by one.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8"));

/**
 * Left to Node to import: faker (imported on the first `Prefer: dynamic` answer only, so no start parses it) and
 * every package that is not a dependency (msw, Prism: the contract suite's targets import them when asked for).
 */
const external = [
  "@faker-js/faker",
  ...Object.keys(manifest.peerDependencies ?? {}),
  ...Object.keys(manifest.devDependencies ?? {}).filter((name) => manifest.dependencies?.[name] === undefined),
];

export const commandBundleOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "eof",
  external,
  logLevel: "warning",
  // No module of a bundle runs on its own (cli/run.ts's isEntryPoint).
  define: { CONNECT_CONTRACTS_BUNDLE: "true" },
  // CommonJS dependencies (ajv) may `require`; give the ESM bundle a `require`.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
};
