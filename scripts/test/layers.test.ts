import { execFile } from "node:child_process";
import { appendFile, cp, mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const copied = ["openapi", "providers", "client", "generated", "mocks", "contract-tests", "drift", "cli", "scripts", "specs", "package.json", "tsconfig.json", ".dependency-cruiser.cjs", ".dependency-cruiser-known-violations.json"];

interface Breach {
  /** The file that gets the import, relative to the root. */
  file: string;
  /** The specifier appended to it, as `import "<specifier>";`. */
  specifier: string;
  /** The violation `npm run lint:layers` must report, as its output names it. */
  expected: string;
}

const breaches: Record<string, Breach> = {
  "the engine imports a node: builtin": {
    file: "mocks/engine/engine.ts",
    specifier: "node:http",
    expected: "error mock-core-no-node-or-msw: mocks/engine/engine.ts → http",
  },
  "the engine imports the contract suite": {
    file: "mocks/engine/engine.ts",
    specifier: "../../contract-tests/runner/suite.js",
    expected: "error mock-not-to-suite-or-drift: mocks/engine/engine.ts → contract-tests/runner/suite.ts",
  },
  "a check imports the mock, not through a target": {
    file: "contract-tests/checks/acceptance.ts",
    specifier: "../../mocks/engine/engine.js",
    expected: "error suite-reaches-mock-only-through-targets: contract-tests/checks/acceptance.ts → mocks/engine/engine.ts",
  },
  "the mock imports cli/": {
    file: "mocks/adapters/node/server.ts",
    specifier: "../../../cli/program.js",
    expected: "error nothing-imports-cli: mocks/adapters/node/server.ts → cli/program.ts",
  },
  "the OpenAPI layer imports msw": {
    file: "openapi/validation.ts",
    specifier: "msw",
    expected: "error openapi-no-node-or-msw: openapi/validation.ts → node_modules/msw/",
  },
  "a behaviour table loads the Node-only providers/files.ts": {
    file: "mocks/behaviour/kinde.ts",
    specifier: "../../providers/files.js",
    expected: "error browser-entry-reaches-no-node: mocks/adapters/browser/index.ts → fs",
  },
};

interface LintRun {
  code: number;
  output: string;
}

/** `npm run lint:layers` in `cwd`, as package.json defines it there. */
function lintLayers(cwd: string): Promise<LintRun> {
  return new Promise((resolve) => {
    execFile("npm", ["run", "--silent", "lint:layers"], { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** A copy of the sources with the repository's node_modules linked in, `breach` applied when given. */
async function copyTree(directory: string, breach?: Breach): Promise<string> {
  const tree = await mkdtemp(join(directory, "tree-"));
  await Promise.all(copied.map((name) => cp(join(root, name), join(tree, name), { recursive: true })));
  await symlink(await realpath(join(root, "node_modules")), join(tree, "node_modules"), "dir");
  if (breach) await appendFile(join(tree, breach.file), `\nimport "${breach.specifier}";\n`);
  return tree;
}

let directory: string;
let unmodified: LintRun;
const runs = new Map<string, LintRun>();

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "layers-"));
  // One tree per case, all linted at once: each cruise takes seconds, mostly parsing.
  const broken = Object.entries(breaches).map(async ([name, breach]) => runs.set(name, await lintLayers(await copyTree(directory, breach))));
  [unmodified] = await Promise.all([copyTree(directory).then(lintLayers), ...broken]);
}, 60_000);

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("npm run lint:layers", () => {
  it("passes on the tree as committed", () => {
    expect(unmodified.output).toContain("no dependency violations found");
    expect(unmodified.code).toBe(0);
  });

  for (const name of Object.keys(breaches)) {
    it(`fails, naming the rule, when ${name}`, () => {
      const run = runs.get(name);
      expect(run?.output).toContain(breaches[name]?.expected);
      expect(run?.code).not.toBe(0);
    });
  }
});
