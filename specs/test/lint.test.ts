import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";

const specsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(specsDir, "..");
const spectral = join(root, "node_modules", ".bin", "spectral");
const ruleset = join(specsDir, "spectral.yaml");
// Spectral takes seconds to start; these tests spawn it, so they get more than vitest's default 5 s.
const spectralTimeout = 60_000;
const ourRules = ["response-body-has-example", "request-body-has-example", "kombo-error-shared-body", "operation-declares-4xx", "departure-mark-format"];

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
  source: string;
}

/** Runs `spectral lint` as `npm run lint` does, with JSON output; Spectral exits non-zero when it finds errors. */
async function lint(files: string[]): Promise<SpectralResult[]> {
  const args = ["lint", ...files, "--ruleset", ruleset, "--format", "json", "--quiet"];
  const stdout = await promisify(execFile)(spectral, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 })
    .then((result) => result.stdout)
    .catch((error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`spectral failed without output: ${error.stderr ?? String(error)}`);
      return error.stdout;
    });
  return JSON.parse(stdout) as SpectralResult[];
}

// A parsed YAML document, edited in place by the breakers below; `any` stays inside this file.
type Spec = Record<string, any>;

/** Each broken copy breaks exactly one of our rules, at the listed places. */
const brokenCopies: { file: string; spec: "kombo" | "kinde"; rule: string; paths: string[]; breakIt: (spec: Spec) => void }[] = [
  {
    file: "kombo-response-without-example.yaml",
    spec: "kombo",
    rule: "response-body-has-example",
    paths: ["paths./connect/create-link.post.responses.200.content.application/json"],
    breakIt: (spec) => delete spec.paths["/connect/create-link"].post.responses["200"].content["application/json"].examples,
  },
  {
    file: "kombo-request-without-example.yaml",
    spec: "kombo",
    rule: "request-body-has-example",
    paths: ["paths./connect/create-link.post.requestBody.content.application/json"],
    breakIt: (spec) => delete spec.paths["/connect/create-link"].post.requestBody.content["application/json"].examples,
  },
  {
    file: "kombo-error-with-own-schema.yaml",
    spec: "kombo",
    rule: "kombo-error-shared-body",
    // The 401 is a shared component, so every operation carries the broken schema.
    paths: [
      "paths./connect/create-link.post.responses.401",
      "paths./connect/integration-by-token/{token}.get.responses.401",
      "paths./integrations/{integration_id}/relink.post.responses.401",
    ],
    breakIt: (spec) => {
      // An identical copy of the shared schema, inline: valid, but no longer the one shared body.
      spec.components.responses.Unauthorized.content["application/json"].schema = structuredClone(spec.components.schemas.ErrorResponse);
    },
  },
  {
    file: "kombo-error-without-body.yaml",
    spec: "kombo",
    rule: "kombo-error-shared-body",
    paths: ["paths./connect/integration-by-token/{token}.get.responses.404"],
    breakIt: (spec) => {
      spec.paths["/connect/integration-by-token/{token}"].get.responses["404"] = { description: "Not found." };
    },
  },
  {
    file: "kinde-without-429.yaml",
    spec: "kinde",
    rule: "operation-declares-4xx",
    paths: ["paths./api/v1/connected_apps/token.get.responses"],
    breakIt: (spec) => delete spec.paths["/api/v1/connected_apps/token"].get.responses["429"],
  },
  {
    file: "kinde-without-credentials-error.yaml",
    spec: "kinde",
    rule: "operation-declares-4xx",
    paths: ["paths./api/v1/connected_apps/revoke.post.responses"],
    breakIt: (spec) => delete spec.paths["/api/v1/connected_apps/revoke"].post.responses["403"],
  },
  {
    file: "kinde-departure-as-bare-text.yaml",
    spec: "kinde",
    rule: "departure-mark-format",
    paths: ["components.schemas.error.x-departure", "components.schemas.connected_apps_access_token.properties.access_token_expiry.x-departure"],
    breakIt: (spec) => {
      const expiry = spec.components.schemas.connected_apps_access_token.properties.access_token_expiry;
      expiry["x-departure"] = expiry["x-departure"].reason;
      spec.components.schemas.error["x-departure"]["required-by-us"] = ["code"];
    },
  },
];

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "connect-contracts-lint-"));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe("npm run lint", () => {
  test("both specs lint with zero errors, warnings, infos and hints", async () => {
    const results = await lint(["specs/kombo.yaml", "specs/kinde.yaml"]);
    expect(results.map((result) => `${result.source}: ${result.code} ${result.message} at ${result.path.join(".")}`)).toEqual([]);
  }, spectralTimeout);

  test("each of our rules fires on a broken copy of a spec, where it is broken, and nothing else of ours does", async () => {
    const originals = {
      kombo: await readFile(join(specsDir, "kombo.yaml"), "utf8"),
      kinde: await readFile(join(specsDir, "kinde.yaml"), "utf8"),
    };
    const files: string[] = [];
    for (const copy of brokenCopies) {
      const spec = parse(originals[copy.spec]) as Spec;
      copy.breakIt(spec);
      const file = join(workDir, copy.file);
      await writeFile(file, stringify(spec));
      files.push(file);
    }

    const results = await lint(files);

    for (const copy of brokenCopies) {
      const ours = results
        .filter((result) => result.source.endsWith(copy.file) && ourRules.includes(result.code))
        .map((result) => `${result.code} at ${result.path.join(".")}`);
      expect(ours, copy.file).toEqual(copy.paths.map((path) => `${copy.rule} at ${path}`));
    }
    expect(new Set(brokenCopies.map((copy) => copy.rule))).toEqual(new Set(ourRules));
  }, spectralTimeout);
});
