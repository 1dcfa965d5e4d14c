import { providerDocuments } from "../../providers/documents.js";
import type { ProviderId as Provider } from "../../providers/registry.js";
import { compileSpec, type CompiledOperation, type SpecIndex } from "../../openapi/spec-index.js";

export type { ProviderId as Provider } from "../../providers/registry.js";
export type ScenarioId = "create-link" | "integration-by-token" | "auth-url";

/** One HTTP request; `path` is relative to the provider's base URL (after `/v1` for Kombo) and includes the query. */
export interface ScenarioRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a scenario needs from the engine under test, found once before the load starts. */
export interface ScenarioContext {
  /** A token integration-by-token answers 200 for (from a completed Connect flow on stateful engines). */
  integrationToken: string;
}

export interface Scenario {
  id: ScenarioId;
  label: string;
  provider: Provider;
  operation: CompiledOperation;
  request(context: ScenarioContext): ScenarioRequest;
  /** A correct answer: 200 with a body the spec's 200 schema accepts. */
  isCorrect(status: number, bodyText: string): boolean;
}

export const specIndexes: Readonly<Record<Provider, SpecIndex>> = {
  kombo: compileSpec(providerDocuments.kombo),
  kinde: compileSpec(providerDocuments.kinde),
};

/** Any non-empty bearer credential is accepted by the mocks; this one is obviously not a secret. */
const benchCredential = "Bearer bench-not-a-secret";

function successMediaType(operation: CompiledOperation) {
  const media = operation.responses.get("200")?.content.get("application/json");
  if (!media) throw new Error(`${operation.operationId} declares no 200 application/json answer`);
  return media;
}

function requestExample(operation: CompiledOperation, name: string): unknown {
  const example = operation.requestBody?.content.get("application/json")?.examples.get(name);
  if (example === undefined) throw new Error(`${operation.operationId} has no request example "${name}"`);
  return example;
}

function correctnessCheck(operation: CompiledOperation): Scenario["isCorrect"] {
  const { validate } = successMediaType(operation);
  return (status, bodyText) => {
    if (status !== 200) return false;
    try {
      return validate(JSON.parse(bodyText)).length === 0;
    } catch {
      return false;
    }
  };
}

function scenario(
  id: ScenarioId,
  label: string,
  provider: Provider,
  operationId: string,
  request: (operation: CompiledOperation, context: ScenarioContext) => ScenarioRequest,
): Scenario {
  const index = specIndexes[provider];
  const operation = index.byOperationId(operationId);
  return {
    id,
    label,
    provider,
    operation,
    request: (context) => request(operation, context),
    isCorrect: correctnessCheck(operation),
  };
}

export const scenarios: readonly Scenario[] = [
  scenario("create-link", "Kombo create-link (valid body)", "kombo", "PostConnectCreateLink", (operation) => ({
    method: "POST",
    path: `${operation.pathTemplate}`,
    headers: { authorization: benchCredential, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(requestExample(operation, "example1")),
  })),
  scenario(
    "integration-by-token",
    "Kombo integration-by-token",
    "kombo",
    "GetConnectIntegrationByTokenToken",
    (operation, context) => ({
      method: "GET",
      path: `${operation.pathTemplate.replace("{token}", encodeURIComponent(context.integrationToken))}`,
      headers: { authorization: benchCredential, accept: "application/json" },
    }),
  ),
  scenario("auth-url", "Kinde auth_url", "kinde", "GetConnectedAppAuthUrl", (operation) => ({
    method: "GET",
    path: `${operation.pathTemplate}?key_code_ref=google_calendar&user_id=kp_bench_user`,
    headers: { authorization: benchCredential, accept: "application/json" },
  })),
];

export function scenarioById(id: ScenarioId): Scenario {
  const found = scenarios.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}
