import { describe, expect, it } from "vitest";
import { createProviderEngine } from "../behaviour/index.js";
import { bearer, call, json, jsonHeaders, kindeBase, komboBase, validCreateLink } from "./helpers.js";

// What the mock pages' own forms read from a POST: a JSON or form body, else the query (pageBodyField).

function connectPage() {
  const engine = createProviderEngine("kombo");
  const link = json(call(engine, "POST", `${komboBase}/connect/create-link`, jsonHeaders, validCreateLink)).data.link as string;
  const connect = (query: string, headers: Record<string, string>, body: string) => call(engine, "POST", `${link}${query}`, headers, body);
  const toolOf = (answer: { body?: string | undefined }) =>
    json(call(engine, "GET", `${komboBase}/connect/integration-by-token/${json(answer).token as string}`, bearer)).data.tool as string;
  return { connect, toolOf };
}

describe("Kombo Connect page: POST picks the tool", () => {
  it("from a JSON body, a form body (its first value) or the query, in that order", () => {
    const fromJson = connectPage();
    expect(fromJson.toolOf(fromJson.connect("&tool=bamboohr", { "content-type": "application/json" }, '{"tool":"hibob"}'))).toBe("hibob");
    const fromForm = connectPage();
    expect(fromForm.toolOf(fromForm.connect("&tool=bamboohr", { "content-type": "application/x-www-form-urlencoded" }, "tool=hibob&tool=personio"))).toBe("hibob");
    const fromQuery = connectPage();
    expect(fromQuery.toolOf(fromQuery.connect("&tool=bamboohr", { "content-type": "application/json" }, '{"tool":7}'))).toBe("bamboohr");
  });

  it("answers a body that opens like JSON but is not with Kombo's 400", () => {
    const answer = connectPage().connect("", { "content-type": "application/json" }, "{tool:");
    expect(answer.status).toBe(400);
    expect(json(answer).error.message).toBe("body is not valid JSON");
  });
});

describe("Kinde consent page: POST reads the decision", () => {
  function consent(query: string, headers: Record<string, string>, body: string) {
    const engine = createProviderEngine("kinde");
    const url = json(call(engine, "GET", `${kindeBase}/api/v1/connected_apps/auth_url?key_code_ref=slack`, bearer)).url as string;
    return call(engine, "POST", `${url}${query}`, { accept: "application/json", ...headers }, body);
  }

  it("from a JSON or form body, else the query; a decision sent twice in the form leaves it to the query", () => {
    expect(json(consent("&decision=deny", { "content-type": "application/json" }, '{"decision":"allow"}')).consent).toBe("allowed");
    expect(json(consent("", { "content-type": "application/x-www-form-urlencoded" }, "decision=deny")).consent).toBe("denied");
    expect(json(consent("&decision=deny", { "content-type": "application/x-www-form-urlencoded" }, "decision=allow&decision=allow")).consent).toBe("denied");
    const twiceWithoutQuery = consent("", { "content-type": "application/x-www-form-urlencoded" }, "decision=allow&decision=deny");
    expect(twiceWithoutQuery.status).toBe(400);
    expect(json(twiceWithoutQuery).errors[0].message).toBe("send decision=allow or decision=deny (form, JSON or query)");
  });

  it("refuses a body that opens like JSON but is not as a bad decision", () => {
    const answer = consent("", { "content-type": "application/json" }, "{decision");
    expect(answer.status).toBe(400);
    expect(json(answer).errors[0].message).toBe('decision must be "allow" or "deny"');
  });
});
