// The layers, bottom to top: openapi/ → providers/, generated/ → client/ → mocks/ | contract-tests/ | drift/ → cli/.
// scripts/ are tools beside them. Checked by `npm run lint:layers`; scripts/test/layers.test.ts proves the rules fire.
const { builtinModules } = require("node:module");

const test = "(^|/)test/";
// dependency-cruiser names a builtin without its `node:` prefix ("http", "fs/promises").
const nodeBuiltin = `^(${builtinModules.filter((name) => !name.startsWith("_")).join("|")})(/|$)`;
const msw = "(^|/)node_modules/msw/";
const mockCore = "^mocks/(engine|data|record|pages|behaviour)/";
// openapi/ and the mock core have stricter rules of their own.
const browserCode = ["^mocks/adapters/(msw|browser)/", "^mocks/index\\.ts$", "^client/", "^generated/", "^providers/(registry|documents)\\.ts$"];
const ours = "^(openapi|providers|generated|client|mocks|contract-tests|drift|cli|scripts|specs)/";
const production = (path) => ({ path, pathNot: test });

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "openapi-no-node-or-msw",
      comment: "The OpenAPI layer runs in browsers: no node: builtin, no msw.",
      severity: "error",
      from: production("^openapi/"),
      to: { path: [nodeBuiltin, msw] },
    },
    {
      name: "mock-core-no-node-or-msw",
      comment: "The engine and what the browser bundle loads with it (data, record, pages, behaviour) run in browsers and under any adapter: no node: builtin, no msw.",
      severity: "error",
      from: production(mockCore),
      to: { path: [nodeBuiltin, msw] },
    },
    {
      name: "browser-code-no-node",
      comment: "The msw handlers, the browser worker, the `connect-contracts/mocks` entry, the typed clients and the provider registry run in browsers: no node: builtin.",
      severity: "error",
      from: production(browserCode),
      to: { path: nodeBuiltin },
    },
    {
      name: "browser-entry-reaches-no-node",
      comment: "Nothing the browser entry points load, however indirectly, is Node-only (e.g. providers/files.ts).",
      severity: "error",
      from: { path: ["^mocks/adapters/browser/index\\.ts$", "^mocks/index\\.ts$", "^generated/[^/]+/index\\.ts$"] },
      to: { path: nodeBuiltin, reachable: true },
    },
    {
      name: "openapi-imports-only-openapi",
      comment: "openapi/ is the bottom layer: it imports itself and its npm dependencies (ajv, ajv-formats, yaml), nothing of ours.",
      severity: "error",
      from: production("^openapi/"),
      to: { path: ours, pathNot: "^openapi/" },
    },
    {
      name: "openapi-npm-dependencies",
      comment: "openapi/'s npm dependencies are ajv, ajv-formats and yaml.",
      severity: "error",
      from: production("^openapi/"),
      to: { path: "(^|/)node_modules/", pathNot: "(^|/)node_modules/(ajv|ajv-formats|yaml)/" },
    },
    {
      name: "providers-imports-openapi-and-generated",
      comment: "The provider registry sits on openapi/ and generated/ only.",
      severity: "error",
      from: production("^providers/"),
      to: { path: ours, pathNot: "^(providers|openapi|generated)/" },
    },
    {
      name: "generated-imports-client-and-openapi",
      comment: "generated/ (written by npm run generate) builds on client/ and openapi/ only.",
      severity: "error",
      from: production("^generated/"),
      to: { path: ours, pathNot: "^(generated|client|openapi)/" },
    },
    {
      name: "client-imports-client-and-openapi",
      comment: "The client runtime knows no provider, mock or suite.",
      severity: "error",
      from: production("^client/"),
      to: { path: ours, pathNot: "^(client|openapi)/" },
    },
    {
      name: "mock-not-to-suite-or-drift",
      comment: "The mock is judged by the contract suite and by drift; it never depends on them (nor on scripts/).",
      severity: "error",
      from: production("^mocks/"),
      to: { path: "^(contract-tests|drift|scripts)/" },
    },
    {
      name: "mock-core-not-to-adapters",
      comment: "The engine and its runtime-free companions never reach up into the adapters, Prism or the package entry.",
      severity: "error",
      from: production(mockCore),
      to: { path: ["^mocks/adapters/", "^mocks/prism/", "^mocks/index\\.ts$"] },
    },
    {
      name: "browser-adapters-not-to-node-adapters",
      comment: "The msw and browser adapters never load the Node adapter or Prism.",
      severity: "error",
      from: production(["^mocks/adapters/(msw|browser)/", "^mocks/index\\.ts$"]),
      to: { path: ["^mocks/adapters/node/", "^mocks/prism/"] },
    },
    {
      name: "suite-reaches-mock-only-through-targets",
      comment: "An oracle must not depend on the implementation it judges: only contract-tests/targets/ imports mocks/.",
      severity: "error",
      from: { path: "^contract-tests/", pathNot: [test, "^contract-tests/targets/"] },
      to: { path: "^mocks/" },
    },
    {
      name: "suite-not-to-drift",
      comment: "The contract suite and drift are independent tools over the same specs.",
      severity: "error",
      from: production("^contract-tests/"),
      to: { path: "^drift/" },
    },
    {
      name: "suite-targets-only-model",
      comment: "A target knows the suite's model only, never the runner, scenarios, checks or reports that drive it.",
      severity: "error",
      from: production("^contract-tests/targets/"),
      to: { path: "^contract-tests/", pathNot: "^contract-tests/(targets|model)/" },
    },
    {
      name: "drift-not-to-mock-or-suite",
      comment: "drift compares specs; it never depends on the mock or the contract suite.",
      severity: "error",
      from: production("^drift/"),
      to: { path: "^(mocks|contract-tests)/" },
    },
    {
      name: "nothing-imports-cli",
      comment: "cli/ is the top: nothing outside it imports it, tests included (cli/test/ may).",
      severity: "error",
      from: { pathNot: "^cli/" },
      to: { path: "^cli/" },
    },
    {
      name: "nothing-imports-scripts",
      comment: "scripts/ are tools; the product never depends on them.",
      severity: "error",
      from: { pathNot: "^scripts/" },
      to: { path: "^scripts/" },
    },
    {
      name: "production-not-to-tests",
      comment: "Code outside test/ folders never imports test helpers.",
      severity: "error",
      from: { path: ours, pathNot: test },
      to: { path: test },
    },
    {
      name: "shipped-code-not-to-dev-dependencies",
      comment: "What `npm run build` ships (every .ts outside test/ in these folders) runs with dependencies and peerDependencies only.",
      severity: "error",
      from: { path: "^(openapi|providers|client|generated|mocks|contract-tests|drift|cli)/.+\\.ts$", pathNot: test },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only", "npm-peer"] },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that does not resolve would slip past every rule above.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    // node_modules may be a symlink to another checkout's; keep its modules named node_modules/….
    preserveSymlinks: true,
    exclude: { path: "^(dist|reports)/" },
    // Type-only imports couple layers too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "types", "node", "default"],
      mainFields: ["module", "main", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
