import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { driftOf } from "../drift.js";
import { summarise } from "../model.js";
import { brief, ourSpecText, type Doc } from "./fixtures.js";

// The providers' published documents live beside the clone (`../shared/reference/`), never in it.
// Without them these tests report themselves skipped; the other drift tests need no such folder.
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const referenceDirectory = process.env.DRIFT_REFERENCE_DIR ?? join(repositoryRoot, "..", "shared", "reference");
const komboFile = join(referenceDirectory, "kombo-connect.upstream.json");
const kindeFile = join(referenceDirectory, "kinde-connected-apps.upstream.yaml");
const present = existsSync(komboFile) && existsSync(kindeFile);

function driftOfReference(kombo: Doc, kinde: Doc) {
  return summarise([
    driftOf({
      provider: "kombo",
      ours: { file: "specs/kombo.yaml", text: ourSpecText("kombo") },
      published: { source: komboFile, text: JSON.stringify(kombo) },
    }),
    driftOf({ provider: "kinde", ours: { file: "specs/kinde.yaml", text: ourSpecText("kinde") }, published: { source: kindeFile, text: stringify(kinde) } }),
  ]);
}

describe.skipIf(!present)("the providers' published documents in ../shared/reference", () => {
  const read = () => ({ kombo: JSON.parse(readFileSync(komboFile, "utf8")) as Doc, kinde: parse(readFileSync(kindeFile, "utf8")) as Doc });

  test("as published: no change at all, exit 0", () => {
    const { kombo, kinde } = read();
    const report = driftOfReference(kombo, kinde);
    expect(report.providers.flatMap((provider) => provider.changes).map(brief)).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  test("a new tool, scope_config_id dropped, a new language, a required field in auth_url's answer: four changes, exit 1", () => {
    const { kombo, kinde } = read();
    const body = kombo.components.schemas.PostConnectCreateLinkRequestBody.properties;
    body.integration_tool.enum.push("workdaynext");
    delete body.scope_config_id;
    body.language.enum.push("nl");
    const authUrl = kinde.components.schemas.connected_apps_auth_url;
    authUrl.properties.expires_at = { type: "string", nullable: false };
    authUrl.required = ["expires_at"];
    const report = driftOfReference(kombo, kinde);
    expect(report.providers.flatMap((provider) => provider.changes).map(brief)).toEqual([
      "promises property-removed: Kombo no longer accepts scope_config_id",
      "behind enum-value-added: Kombo now lists integration_tool `workdaynext`",
      "behind enum-value-added: Kombo now lists language `nl`",
      "behind property-added: Kinde now sends expires_at (string, always); our types and mock lack it",
    ]);
    expect(report.exitCode).toBe(1);
  });
});
