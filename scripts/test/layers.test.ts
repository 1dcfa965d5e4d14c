import { execFile } from "node:child_process";
import { appendFile, cp, mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const copied = ["openapi", "providers", "client", "generated", "mocks", "contract-tests", "drift", "cli", "scripts", "specs", "package.json", "tsconfig.json", ".dependency-cruiser.cjs"];

interface Breach {
  /** The file that gets the import, relative to the root. */
  file: string;
  /** The specifier appended to it, as `import "<specifier>";`. */
  specifier: string;
  /** The violations `npm run lint:layers` must report, as its output names them. */
  expected: string[];
}

const breaches: Record<string, Breach> = {
  "the engine imports a node: builtin": {
    file: "mocks/engine/engine.ts",
    specifier: "node:http",
    expected: ["error mock-core-no-node-or-msw: mocks/engine/engine.ts → http", "error browser-entry-reaches-no-node: mocks/adapters/browser/index.ts → http"],
  },
  "the engine imports the contract suite": {
    file: "mocks/engine/engine.ts",
    specifier: "../../contract-tests/runner/suite.js",
    expected: ["error mock-not-to-suite-or-drift: mocks/engine/engine.ts → contract-tests/runner/suite.ts"],
  },
  "a check imports the mock, not through a target": {
    file: "contract-tests/checks/acceptance.ts",
    specifier: "../../mocks/engine/engine.js",
    expected: ["error suite-reaches-mock-only-through-targets: contract-tests/checks/acceptance.ts → mocks/engine/engine.ts"],
  },
  "the mock imports cli/": {
    file: "mocks/adapters/node/server.ts",
    specifier: "../../../cli/program.js",
    expected: ["error nothing-imports-cli: mocks/adapters/node/server.ts → cli/program.ts"],
  },
  "the OpenAPI layer imports msw": {
    file: "openapi/validation.ts",
    specifier: "msw",
    expected: ["error openapi-no-node-or-msw: openapi/validation.ts → node_modules/msw/", "error openapi-npm-dependencies: openapi/validation.ts → node_modules/msw/"],
  },
};

// In a tree of its own: the breaches above make the browser entries reach node: builtins too.
const indirect: Breach = {
  file: "mocks/behaviour/kinde.ts",
  specifier: "../../providers/files.js",
  expected: ["error browser-entry-reaches-no-node: mocks/adapters/browser/index.ts → fs"],
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

/** A copy of the sources with the repository's node_modules linked in and `breaches` applied. */
async function copyTree(directory: string, breaches: readonly Breach[]): Promise<string> {
  const tree = await mkdtemp(join(directory, "tree-"));
  await Promise.all(copied.map((name) => cp(join(root, name), join(tree, name), { recursive: true })));
  await symlink(await realpath(join(root, "node_modules")), join(tree, "node_modules"), "dir");
  for (const breach of breaches) await appendFile(join(tree, breach.file), `\nimport "${breach.specifier}";\n`);
  return tree;
}

const ruleOf = (line: string) => /error ([\w-]+):/.exec(line)?.[1];
const rulesIn = (run: LintRun) => new Set(run.output.split("\n").map(ruleOf).filter((rule) => rule !== undefined));

let directory: string;
let unmodified: LintRun;
let broken: LintRun;
let reaching: LintRun;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "layers-"));
  // The direct breaches share one tree: a cruise takes seconds, and each breach is told apart by its own line.
  const lint = (applied: readonly Breach[]) => copyTree(directory, applied).then(lintLayers);
  [unmodified, broken, reaching] = await Promise.all([lint([]), lint(Object.values(breaches)), lint([indirect])]);
}, 60_000);

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("npm run lint:layers", () => {
  it("passes on the tree as committed", () => {
    expect(unmodified.output).toContain("no dependency violations found");
    expect(unmodified.code).toBe(0);
  });

  it("fails on the broken tree, and only with the rules the breaches break", () => {
    expect(broken.code).not.toBe(0);
    expect(rulesIn(broken)).toEqual(new Set(Object.values(breaches).flatMap((breach) => breach.expected.map(ruleOf))));
  });

  for (const [name, breach] of Object.entries(breaches)) {
    it(`names the rule when ${name}`, () => {
      for (const line of breach.expected) expect(broken.output).toContain(line);
    });
  }

  it("fails, naming the rule and the path, when a behaviour table loads the Node-only providers/files.ts", () => {
    expect(reaching.code).not.toBe(0);
    expect(rulesIn(reaching)).toEqual(new Set(["browser-entry-reaches-no-node"]));
    for (const line of indirect.expected) expect(reaching.output).toContain(line);
    expect(reaching.output).toContain("mocks/behaviour/kinde.ts →\n      providers/files.ts →");
  });
});
