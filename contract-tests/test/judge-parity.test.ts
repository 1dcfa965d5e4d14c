import { describe, expect, it } from "vitest";
import { checkCall } from "../../openapi/call-check.js";
import { checkRegistry } from "../checks/registry.js";
import type { ContractResponse } from "../model/http.js";
import { providerContracts } from "../model/provider-contract.js";

/**
 * The proxy (and replay) and the contract suite must never judge the same answer differently: both go
 * through openapi/conformance.ts. Each answer below goes to the proxy's check and to the suite's three
 * response checks, and both must report the same violations (path, expected, got), or none.
 */
const kombo = providerContracts().find((provider) => provider.id === "kombo");
if (kombo === undefined) throw new Error("no kombo contract");
const operation = kombo.index.byOperationId("PostConnectCreateLink");
const request = {
  method: "POST",
  url: "http://127.0.0.1:4010/v1/connect/create-link",
  headers: { authorization: "Bearer k", "content-type": "application/json" },
  body: JSON.stringify({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" }),
};
const link = { status: "success", data: { link: "https://connect.kombo.dev/v1?token=t" } };

const answers: { name: string; status: number; contentType: string | undefined; body: string; conforms: boolean }[] = [
  { name: "valid", status: 200, contentType: "application/json", body: JSON.stringify(link), conforms: true },
  { name: "a wrong Content-Type with a valid JSON body", status: 200, contentType: "text/plain", body: JSON.stringify(link), conforms: false },
  { name: "a non-JSON body", status: 200, contentType: "application/json", body: "<html>sorry</html>", conforms: false },
  { name: "an undeclared status", status: 418, contentType: "application/json", body: JSON.stringify(link), conforms: false },
  { name: "a missing required field", status: 200, contentType: "application/json", body: JSON.stringify({ status: "success", data: {} }), conforms: false },
  { name: "an extra field", status: 200, contentType: "application/json", body: JSON.stringify({ ...link, data: { ...link.data, expires_in: 3600 } }), conforms: true },
];

function suiteVerdict(answer: (typeof answers)[number]) {
  const headers: Record<string, string> = answer.contentType === undefined ? {} : { "content-type": answer.contentType };
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const response: ContractResponse = { status: answer.status, headers, bodyText: answer.body, json };
  const input = { provider: kombo!, operation, request, response, expectation: {} };
  return (["status_code_conformance", "content_type_conformance", "response_schema_conformance"] as const).flatMap((name) =>
    checkRegistry[name].run(input).map(({ path, expected, got }) => ({ path, expected, got })),
  );
}

function proxyVerdict(answer: (typeof answers)[number]) {
  const headers: Record<string, string> = answer.contentType === undefined ? {} : { "content-type": answer.contentType };
  const checked = checkCall(kombo!.index, request, { status: answer.status, headers, body: answer.body });
  return checked.violations.map(({ path, expected, got }) => ({ path, expected, got }));
}

describe("the proxy's check and the suite's checks give one verdict", () => {
  it.each(answers)("$name", (answer) => {
    const proxy = proxyVerdict(answer);
    const suite = suiteVerdict(answer);
    expect(proxy).toEqual(suite);
    expect(proxy.length === 0).toBe(answer.conforms);
  });

  it("reports both the Content-Type and the schema when a JSON body comes under another media type", () => {
    const verdict = proxyVerdict({ name: "", status: 200, contentType: "text/plain", body: JSON.stringify({ status: "success", data: {} }), conforms: false });
    expect(verdict.map((violation) => violation.path)).toEqual(["header content-type", "$.data.link"]);
  });
});
