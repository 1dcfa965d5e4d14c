import { describe, expect, it } from "vitest";
import { createHarReplayer } from "../har-replay.js";
import { credentialValues, redactBodyText, redactHeaderValue, redactUrl, scrubSecrets } from "../../../openapi/redact.js";
import { masks } from "../../../openapi/secrets.js";

const redactedMarker = masks.recording;
import { emptyHar, harEntry, readHar, type Har, type RecordedCall } from "../har.js";
import { createMockEngines } from "../../behaviour/index.js";

const { kombo, kinde } = createMockEngines();

function call(overrides: Partial<RecordedCall> & { request: RecordedCall["request"]; response: RecordedCall["response"] }): RecordedCall {
  return { provider: "kombo", operationId: null, violations: [], startedAtMs: Date.UTC(2026, 10, 30), durationMs: 12.5, ...overrides };
}

const json = [["content-type", "application/json"]] as const;

function recording(...calls: RecordedCall[]): Har {
  const har = emptyHar();
  har.log.entries.push(...calls.map(harEntry));
  return har;
}

const linkAnswer = (link: string): RecordedCall["response"] => ({ status: 200, statusText: "OK", headers: json, body: JSON.stringify({ status: "success", data: { link } }) });
const createLink = (body: unknown, link: string, url = "https://api.kombo.dev/v1/connect/create-link"): RecordedCall =>
  call({
    request: { method: "POST", url, headers: { authorization: "Bearer live", "content-type": "application/json" }, body: JSON.stringify(body) },
    response: linkAnswer(link),
  });

describe("redaction", () => {
  it("masks credentials in headers, query values, JSON fields at any depth and form fields", () => {
    expect(redactHeaderValue("Authorization", "Bearer abc.def")).toBe(`Bearer ${redactedMarker}`);
    expect(redactHeaderValue("cookie", "a=b")).toBe(redactedMarker);
    expect(redactHeaderValue("content-type", "application/json")).toBe("application/json");
    expect(redactUrl("https://x.kinde.com/oauth2/token?client_secret=s3&x=1")).toBe(`https://x.kinde.com/oauth2/token?client_secret=${encodeURIComponent(redactedMarker)}&x=1`);
    expect(redactUrl("https://x/api?session_id=abc")).toBe("https://x/api?session_id=abc");
    expect(JSON.parse(redactBodyText('{"data":[{"access_token":"t","refresh_token":"r","name":"n"}]}', "application/json; charset=utf-8"))).toEqual({
      data: [{ access_token: redactedMarker, refresh_token: redactedMarker, name: "n" }],
    });
    expect(redactBodyText("grant_type=client_credentials&client_id=abc&client_secret=s3cr3t", "application/x-www-form-urlencoded")).toBe(
      `grant_type=client_credentials&client_id=abc&client_secret=${encodeURIComponent(redactedMarker)}`,
    );
    const untouched = '{ "link" : "https://x" }';
    expect(redactBodyText(untouched, "application/json")).toBe(untouched);
  });

  it("scrubs secret values out of text built from an exchange", () => {
    const secrets = credentialValues([{ headers: { authorization: "Bearer live-key-123" } }, { body: '{"access_token":"ya29.token"}', contentType: "application/json" }]);
    expect(scrubSecrets('got "ya29.token" with live-key-123', secrets)).toBe(`got "${redactedMarker}" with ${redactedMarker}`);
  });

  it("builds a HAR entry without the credential", () => {
    const entry = harEntry(createLink({ end_user_email: "a@b.example" }, "https://connect.kombo.dev/v1?token=t"));
    expect(entry.request.headers).toContainEqual({ name: "authorization", value: `Bearer ${redactedMarker}` });
    expect(JSON.stringify(entry)).not.toContain("Bearer live");
    expect(entry.response.content).toMatchObject({ mimeType: "application/json", size: entry.response.bodySize });
  });
});

describe("readHar", () => {
  it("names the first thing that is not HAR", () => {
    expect(() => readHar({}, "x.har")).toThrow("x.har is not a HAR 1.2 file: log must be an object");
    expect(() => readHar({ log: { entries: [{ request: { method: "GET", url: "/relative" }, response: { status: 200 } }] } })).toThrow(
      "log.entries[0].request.url must be an absolute URL",
    );
    expect(readHar(recording(createLink({}, "https://x"))).log.entries).toHaveLength(1);
  });
});

describe("replay matching", () => {
  const replayKombo = (har: Har) => createHarReplayer(har, kombo.spec, "kombo");

  it("matches the JSON body as data, whatever the upstream base URL and key order", () => {
    const replayer = replayKombo(recording(createLink({ b: 1, a: { y: 2, x: 1 } }, "https://recorded.example/1", "http://127.0.0.1:9/gateway/v1/connect/create-link")));
    const url = new URL("http://127.0.0.1:4010/v1/connect/create-link");
    const request = { method: "post", url: url.href, headers: { "content-type": "application/json" }, body: '{"a":{"x":1,"y":2},"b":1}' };
    expect(JSON.parse(replayer.answer(request, url, "/connect/create-link")?.body ?? "null").data.link).toBe("https://recorded.example/1");
    expect(replayer.answer({ ...request, body: '{"a":{"x":1,"y":3},"b":1}' }, url, "/connect/create-link")).toBeUndefined();
  });

  it("answers a request recorded several times in recorded order, then repeats the last answer", () => {
    const body = { end_user_email: "a@b.example", end_user_organization_name: "A" };
    const replayer = replayKombo(recording(createLink(body, "https://first.example"), createLink(body, "https://second.example")));
    const url = new URL("http://127.0.0.1:4010/v1/connect/create-link");
    const request = { method: "POST", url: url.href, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    const replayed = [1, 2, 3].map(() => JSON.parse(replayer.answer(request, url, "/connect/create-link")?.body ?? "null").data.link as string);
    expect(replayed).toEqual(["https://first.example", "https://second.example", "https://second.example"]);
  });

  it("keeps each provider to its own entries and compares query parameters in any order", () => {
    const authUrl = call({
      provider: "kinde",
      request: { method: "GET", url: "https://acme.kinde.com/api/v1/connected_apps/auth_url?key_code_ref=g&user_id=u", headers: { authorization: "Bearer m2m" }, body: undefined },
      response: { status: 200, statusText: "OK", headers: json, body: JSON.stringify({ url: "https://acme.kinde.com/authorize?session_id=s1", session_id: "s1" }) },
    });
    const har = recording(authUrl, createLink({}, "https://x.example"));
    expect(createHarReplayer(har, kinde.spec, "kinde").size).toBe(1);
    expect(replayKombo(har).size).toBe(1);
    const url = new URL("http://127.0.0.1:4011/api/v1/connected_apps/auth_url?user_id=u&key_code_ref=g");
    const answer = createHarReplayer(har, kinde.spec, "kinde").answer({ method: "GET", url: url.href, headers: { authorization: "Bearer m2m" } }, url, url.pathname);
    expect(answer).toMatchObject({ status: 200, problems: [], headers: { "content-type": "application/json", "x-contract-violations": "0" } });
  });

  it("matches a live request carrying a real client_secret against its redacted recording", () => {
    const form = "grant_type=client_credentials&client_id=abc&client_secret=real-secret";
    const revoke = call({
      provider: "kinde",
      request: { method: "POST", url: "https://acme.kinde.com/api/v1/connected_apps/revoke?session_id=s1", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form },
      response: { status: 200, statusText: "OK", headers: json, body: JSON.stringify({ message: "Success", code: "OK" }) },
    });
    const har = recording(revoke);
    expect(JSON.stringify(har)).not.toContain("real-secret");
    const url = new URL("http://127.0.0.1:4011/api/v1/connected_apps/revoke?session_id=s1");
    const replayer = createHarReplayer(har, kinde.spec, "kinde");
    const reordered = "client_secret=another-secret&client_id=abc&grant_type=client_credentials";
    expect(replayer.answer({ method: "POST", url: url.href, headers: { "content-type": "application/x-www-form-urlencoded" }, body: reordered }, url, url.pathname)?.status).toBe(200);
  });

  it("flags a recorded answer that breaks the spec", () => {
    const replayer = replayKombo(recording(createLink({}, "not a uri")));
    const url = new URL("http://127.0.0.1:4010/v1/connect/create-link");
    const answer = replayer.answer({ method: "POST", url: url.href, headers: { "content-type": "application/json" }, body: "{}" }, url, "/connect/create-link");
    expect(answer?.headers["x-contract-violations"]).toBe(String(answer?.problems?.length));
    expect(answer?.problems).toContainEqual('PostConnectCreateLink response: 200 $.data.link must be a valid uri (got "not a uri")');
  });
});
