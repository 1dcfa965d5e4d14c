import { describe, expect, it } from "vitest";
import kindeDocument from "../../../generated/kinde/spec.js";
import komboDocument from "../../../generated/kombo/spec.js";
import { FakeDataGenerator } from "../fake-data.js";
import { loadFaker } from "../faker.js";
import { kindFromName } from "../name-hints.js";
import type { JsonSchema, OpenApiDocument } from "../../../openapi/document.js";
import { compileSpec, type CompiledMediaType } from "../../../openapi/spec-index.js";
import { formatIssue } from "../../../openapi/validation.js";

const documents = { kombo: komboDocument, kinde: kindeDocument } as unknown as Record<string, OpenApiDocument>;
const seeds = Array.from({ length: 150 }, (_, index) => index);
const fixedClock = { now: () => Date.parse("2026-11-30T09:30:00.000Z") };
const today = Date.parse("2026-11-30T00:00:00.000Z");
const faker = await loadFaker();

interface Target {
  name: string;
  media: CompiledMediaType & { schema: JsonSchema };
  /** The examples an error answer keeps to (as the engine passes them); none for a success. */
  follow: unknown[];
}

function targetsOf(provider: string): { generator: FakeDataGenerator; targets: Target[] } {
  const document = documents[provider] as OpenApiDocument;
  const spec = compileSpec(document);
  const targets: Target[] = [];
  for (const operation of spec.operations) {
    for (const response of operation.responses.values()) {
      for (const media of response.content.values()) {
        if (media.schema === undefined) continue;
        const follow = /^2/.test(response.status) ? [] : [...media.examples.values()];
        targets.push({ name: `${operation.operationId} ${response.status} ${media.mediaType}`, media: media as Target["media"], follow });
      }
    }
  }
  return { generator: new FakeDataGenerator({ document, compileSchema: spec.compileSchema, clock: fixedClock, faker }), targets };
}

/** Every way a generated value would not convince a person reading it; none for a good one. */
function unbelievable(value: unknown, path = "$", name?: string, parent?: Record<string, unknown>): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => unbelievable(item, `${path}[${index}]`, name));
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.entries(record).flatMap(([key, child]) => unbelievable(child, `${path}.${key}`, key, record));
  }
  if (typeof value !== "string") return [];
  const problems: string[] = [];
  const say = (problem: string): number => problems.push(`${path} ${problem}: ${JSON.stringify(value)}`);
  if (value.trim() === "") say("is blank");
  if (/[\u0000-\u001f\u007f]/.test(value)) say("holds control characters");
  const kind = kindFromName(name);
  if (kind === "email" && !/^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(value)) say("is no email address");
  if (kind === "url" && !/^https?:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/|\?|$)/.test(value)) say("is no web address");
  if (kind === "organization" && !/^[A-Z][\w'&,. -]+$/.test(value)) say("is no organisation's name");
  if (kind === "expiry" && !(Date.parse(value) > today)) say("is no future date");
  if (name === "id" && typeof parent?.tool === "string" && !value.startsWith(`${parent.tool}:`))
    say(`does not start with its tool "${parent.tool}:"`);
  return problems;
}

describe.each(["kombo", "kinde"])("dynamic data for every %s response", (provider) => {
  const { generator, targets } = targetsOf(provider);

  it.each(targets.map((target) => [target.name, target] as const))("%s: valid and believable for 150 seeds", (_name, target) => {
    for (const seed of seeds) {
      const value = generator.generate(target.media.schema, seed, target.follow);
      expect(target.media.validate(value).map(formatIssue), JSON.stringify(value)).toEqual([]);
      expect(unbelievable(value)).toEqual([]);
    }
  });
});

describe("dynamic data", () => {
  const { generator, targets } = targetsOf("kombo");
  const integration = targets.find((target) => target.name === "GetConnectIntegrationByTokenToken 200 application/json") as Target;
  const createLink = targets.find((target) => target.name === "PostConnectCreateLink 200 application/json") as Target;

  it("is the same for a seed and different for another", () => {
    const seven = generator.generate(integration.media.schema, 7);
    expect(generator.generate(integration.media.schema, 7)).toEqual(seven);
    expect(generator.generate(integration.media.schema, 8)).not.toEqual(seven);
  });

  it("builds ids from a tool of the spec's enum, as the examples do, and fits the email to the organisation", () => {
    const tools = new Set<string>();
    for (const seed of seeds) {
      const { data } = generator.generate(integration.media.schema, seed) as { data: Record<string, string | null> };
      const tool = data.tool as string;
      tools.add(tool);
      expect(data.id).toMatch(new RegExp(`^${tool}:[A-Za-z0-9]{20,24}$`));
      if (data.end_user_email !== null) {
        const domain = (data.end_user_email as string).split("@")[1] as string;
        expect(data.end_user_organization_name?.toLowerCase(), `${data.end_user_email} at ${data.end_user_organization_name}`).toContain(
          domain.split(".")[0],
        );
      }
    }
    // Tools come from the request's `integration_tool` enum, not only from the two examples.
    expect(tools.size).toBeGreaterThan(50);
  });

  it("varies enums in a success and keeps nulls and choices of an error's own examples", () => {
    const statuses = new Set(
      seeds.map((seed) => (generator.generate(integration.media.schema, seed) as { data: { setup_status: string } }).data.setup_status),
    );
    expect(statuses).toEqual(new Set(["INCOMPLETE", "FINAL_SYNC_PENDING", "COMPLETED"]));
    const tooMany = targets.find((target) => target.name === "PostConnectCreateLink 429 application/json") as Target;
    for (const seed of seeds) {
      const { error } = generator.generate(tooMany.media.schema, seed, tooMany.follow) as { error: Record<string, unknown> };
      expect(["PLATFORM.RATE_LIMIT_EXCEEDED", "PLATFORM.CONCURRENCY_LIMIT_EXCEEDED"]).toContain(error.code);
      const example = tooMany.follow.find((value) => (value as { error: { code: string } }).error.code === error.code) as {
        error: Record<string, unknown>;
      };
      expect(error.title).toBe(example.error.title);
    }
  });

  it("keeps a link's page and gives it a fresh JWT", () => {
    for (const seed of seeds.slice(0, 20)) {
      const { data } = generator.generate(createLink.media.schema, seed) as { data: { link: string } };
      const link = new URL(data.link);
      expect(`${link.origin}${link.pathname}`).toBe("https://connect.kombo.dev/v1");
      expect(link.searchParams.get("token")).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    }
  });

  it("keeps Kinde's ids and links in their examples' shape", () => {
    const kinde = targetsOf("kinde");
    const authUrl = kinde.targets.find((target) => target.name === "GetConnectedAppAuthUrl 200 application/json") as Target;
    const token = kinde.targets.find((target) => target.name === "GetConnectedAppToken 200 application/json") as Target;
    for (const seed of seeds.slice(0, 20)) {
      const answer = kinde.generator.generate(authUrl.media.schema, seed) as { url: string; session_id: string };
      expect(answer.session_id).toMatch(/^[0-9a-f]{32}$/);
      expect(answer.url).toBe(`https://acme.kinde.com/api/v1/connected_apps/authorize?session_id=${answer.session_id}`);
      const access = kinde.generator.generate(token.media.schema, seed) as { access_token: string; access_token_expiry: string };
      expect(access.access_token).toMatch(/^[a-z0-9]{4}\.[A-Za-z0-9]{5}_[A-Za-z0-9]{34}$/);
      expect(Date.parse(access.access_token_expiry)).toBeGreaterThan(fixedClock.now());
    }
  });
});

describe("dynamic data from schema keywords alone", () => {
  const spec = compileSpec(komboDocument as unknown as OpenApiDocument);
  const generator = new FakeDataGenerator({ document: spec.document, compileSchema: spec.compileSchema, clock: fixedClock, faker });
  const check = (schema: JsonSchema): unknown[] => {
    const validate = spec.compileSchema(schema);
    return seeds.map((seed) => {
      const value = generator.generate(schema, seed);
      expect(validate(value).map(formatIssue), JSON.stringify(value)).toEqual([]);
      return value;
    });
  };

  it("honours formats, patterns with lookaheads, lengths, bounds, arrays, nullability, allOf and oneOf", () => {
    const emails = check({ type: "string", format: "email", maxLength: 60 });
    expect(emails.every((value) => /^[^@]+@[a-z0-9-]+\.[a-z]+$/.test(value as string))).toBe(true);
    expect(check({ type: "string", format: "uuid" }).every((value) => /^[0-9a-f-]{36}$/.test(value as string))).toBe(true);
    check({ type: "string", format: "date" });
    check({ type: "string", format: "uri" });
    check({ type: "string", pattern: "^(?!x)[a-z]{2,5}$" });
    expect(check({ type: "string", pattern: "^[A-Z]{2}-\\d{4}$" }).every((value) => /^[A-Z]{2}-\d{4}$/.test(value as string))).toBe(true);
    check({ type: "string", pattern: "^(ab|cd)+$" });
    expect(check({ type: "integer", examples: [30, 60] }).every((value) => (value as number) >= 15 && (value as number) <= 90)).toBe(true);
    check({ type: "string", minLength: 3, maxLength: 6 });
    check({ type: "integer", minimum: 5, exclusiveMaximum: 50, multipleOf: 5 });
    check({ type: "number", exclusiveMinimum: 0, maximum: 1 });
    check({ type: "array", items: { type: ["string", "null"], enum: ["a", "b", null] }, minItems: 1, maxItems: 3, uniqueItems: true });
    check({ type: "object", properties: { a: { const: 1 } }, required: ["a", "b"] });
    const nullable = check({ type: ["string", "null"] });
    expect(nullable).toContain(null);
    expect(nullable.some((value) => typeof value === "string")).toBe(true);
    check({ allOf: [{ $ref: "#/components/schemas/ErrorResponse" }, { properties: { extra: { type: "boolean" } } }] });
    const either = check({ oneOf: [{ type: "integer" }, { type: "string", enum: ["x"] }] });
    expect(either.some((value) => value === "x") && either.some((value) => typeof value === "number")).toBe(true);
  });

  it("answers by the property's name where the schema says nothing more", () => {
    const person = generator.generate(
      {
        type: "object",
        properties: {
          first_name: { type: "string" },
          contactEmail: { type: "string" },
          company_name: { type: "string" },
          created_at: { type: "string" },
          expires_in: { type: "integer" },
        },
      },
      3,
    ) as Record<string, string | number>;
    expect(person.contactEmail).toMatch(new RegExp(`^${String(person.first_name).toLowerCase()}[._]?`));
    expect(Date.parse(person.created_at as string)).toBeLessThanOrEqual(today);
    expect(person.expires_in).toBeGreaterThanOrEqual(3600);
  });
});
