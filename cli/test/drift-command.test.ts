import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { driftCommand } from "../commands/drift.js";
import type { DriftReport } from "../../drift/model.js";
import { publishedFromOurs } from "../../drift/test/fixtures.js";
import { runCaptured } from "./captured-io.js";

/** Runs `drift` in-process: its output, and its exit code. */
async function drift(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, out, err } = await runCaptured(driftCommand, argv);
  return { code, out, err };
}

let directory: string;
let server: Server;
let baseUrl: string;
const files = { kombo: "", kinde: "", komboWithNewTool: "", swagger: "", garbage: "", badReference: "" };

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "connect-contracts-drift-"));
  const kombo = publishedFromOurs("kombo");
  files.kombo = join(directory, "kombo.json");
  await writeFile(files.kombo, JSON.stringify(kombo));
  files.kinde = join(directory, "kinde.yaml");
  await writeFile(files.kinde, stringify(publishedFromOurs("kinde")));
  kombo.components.schemas.PostConnectCreateLinkRequestBody.properties.integration_tool.enum.push("workdaynext");
  files.komboWithNewTool = join(directory, "kombo-new-tool.json");
  await writeFile(files.komboWithNewTool, JSON.stringify(kombo));
  const withBadReference = publishedFromOurs("kombo");
  withBadReference.components.schemas.PostConnectCreateLinkRequestBody.properties.language = { $ref: "#/components/schemas/100%" };
  files.badReference = join(directory, "kombo-bad-reference.json");
  await writeFile(files.badReference, JSON.stringify(withBadReference));
  files.swagger = join(directory, "swagger.json");
  await writeFile(files.swagger, JSON.stringify({ swagger: "2.0", paths: {} }));
  files.garbage = join(directory, "garbage.yaml");
  await writeFile(files.garbage, "openapi: [3.1\n  : nope");
  server = createServer((request, response) => {
    if (new URL(request.url ?? "/", "http://stand-in").pathname === "/openapi.json") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(kombo));
    } else response.writeHead(404).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

describe("drift command", () => {
  test("documents matching our specs (departures undone, Kinde's in 3.0 YAML): exit 0, only cosmetic notes", async () => {
    const result = await drift("--kombo", files.kombo, "--kinde", files.kinde);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Kombo: ");
    expect(result.out).toContain("Kinde: ");
    expect(result.out).toMatch(/No drift on the wire; \d+ cosmetic changes to review\./);
  });

  test("a new tool: exit 1, named with the line of our spec to edit", async () => {
    const result = await drift("--kombo", files.komboWithNewTool);
    expect(result.code).toBe(1);
    expect(result.out).toContain("Our spec is behind: the mock or the types would refuse real traffic (1):");
    expect(result.out).toContain("  - Kombo now lists integration_tool `workdaynext`");
    expect(result.out).toMatch(/fix: {3}specs\/kombo\.yaml:\d+ {2}add "workdaynext" to the enum/);
    expect(result.out).not.toContain("Kinde:");
  });

  test("--json: the report as data, fetched from a URL", async () => {
    const result = await drift("--kombo", `${baseUrl}/openapi.json`, "--json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as DriftReport;
    expect(report).toMatchObject({ exitCode: 1, counts: { behind: 1, promises: 0 } });
    expect(report.providers).toHaveLength(1);
    expect(report.providers[0]).toMatchObject({ provider: "kombo", source: `${baseUrl}/openapi.json`, publishedVersion: "1.0.0" });
    const change = report.providers[0]?.changes.find((entry) => entry.class === "behind");
    expect(change).toMatchObject({
      kind: "enum-value-added",
      operations: ["POST /connect/create-link"],
      where: "request body › integration_tool",
      published: "workdaynext",
      spec: {
        file: expect.stringMatching(/specs\/kombo\.yaml$/),
        pointer: "/components/schemas/PostConnectCreateLinkRequestBody/properties/integration_tool/enum",
      },
    });
  });

  test("credentials in a URL never reach the report or an error", async () => {
    const withKey = await drift("--kombo", `${baseUrl}/openapi.json?api_key=s3cr3t-key&v=2`, "--json");
    expect(withKey.code).toBe(1);
    expect(withKey.out).not.toContain("s3cr3t-key");
    expect((JSON.parse(withKey.out) as DriftReport).providers[0]?.source).toBe(`${baseUrl}/openapi.json?api_key=***&v=2`);
    const withUser = await drift("--kombo", baseUrl.replace("://", "://robot:hunter2@") + "/openapi.json");
    expect(withUser.code).toBe(2);
    expect(withUser.err).toContain("cannot fetch http://***@127.0.0.1:");
    expect(withUser.err).not.toContain("hunter2");
  });

  test.each([
    ["no provider", [], "give --kombo <file|url>, --kinde <file|url>, or both"],
    ["an unknown option", ["--kombo", "x", "--verbose"], "unknown option '--verbose'"],
    ["a missing file", ["--kombo", "/nonexistent/kombo.json"], "cannot read /nonexistent/kombo.json: no such file"],
    ["a Swagger 2 document", ["--kinde", "swagger"], "is not OpenAPI 3.0 or 3.1 (Swagger 2.0)"],
    ["text that is no YAML", ["--kinde", "garbage"], "is neither JSON nor YAML"],
    ["a URL answering 404", ["--kombo", "url:/missing.json"], "HTTP 404"],
    ["a $ref with a malformed percent escape", ["--kombo", "bad-reference"], "reference #/components/schemas/100% at /components/schemas/PostConnectCreateLinkRequestBody/properties/language is not a valid URI fragment"],
  ])("%s: exit 2 with a message, no stack", async (_name, argv, message) => {
    const args = argv.map((arg) =>
      arg === "swagger" ? files.swagger : arg === "bad-reference" ? files.badReference : arg === "garbage" ? files.garbage : arg.startsWith("url:") ? `${baseUrl}${arg.slice(4)}` : arg,
    );
    const result = await drift(...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(result.out).toBe("");
  });

  test("--help: options, examples and exit codes, exit 0", async () => {
    const result = await drift("--help");
    expect(result.code).toBe(0);
    expect(result.out).toContain("--kombo <file|url>");
    expect(result.out).toContain("npm run drift -- --kombo https://api.kombo.dev/openapi.json");
    expect(result.out).toContain("2  usage error");
  });
});
