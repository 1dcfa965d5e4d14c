import type { Faker } from "@faker-js/faker";
import { kindFromName, type ValueKind } from "./name-hints.js";

/** What faker answers for each kind of value, and when faker's answer beats the spec's examples. */

export type FakeKind = ValueKind | "uuid" | "date" | "hostname" | "ipv4" | "ipv6";

export const dayMs = 24 * 60 * 60 * 1000;

/** One person at one organisation, shared by an answer's values, so the email fits the name and the company. */
interface Persona {
  firstName: string;
  lastName: string;
  company: string;
  domain: string;
}

export interface FakeContext {
  faker: Faker;
  /** Start of the current UTC day: dates are drawn around it. */
  today: Date;
  persona?: Persona;
}

/** The kind a string's `format` names, else the kind its property name points to. */
export function kindOf(format: unknown, name: string | undefined): FakeKind {
  switch (format) {
    case "email":
    case "idn-email":
      return "email";
    case "uri":
    case "url":
    case "iri":
    case "uri-reference":
      return "url";
    case "uuid":
      return "uuid";
    case "date-time":
      return kindFromName(name) === "expiry" ? "expiry" : "moment";
    case "date":
      return "date";
    case "hostname":
    case "idn-hostname":
      return "hostname";
    case "ipv4":
      return "ipv4";
    case "ipv6":
      return "ipv6";
    default:
      return kindFromName(name);
  }
}

/**
 * Where a value of this kind comes from first: faker (its names and addresses are more varied than a
 * spec's two examples), the examples' shape (ids, tokens and links that faker cannot know), or the
 * examples themselves (codes and texts that must say what the API says).
 */
export function sourceFirst(kind: FakeKind): "faker" | "shape" | "examples" {
  if (kind === "url" || kind === "identifier" || kind === "token") return "shape";
  if (kind === "code" || kind === "text" || kind === "unknown" || kind === "count") return "examples";
  return "faker";
}

function persona(context: FakeContext): Persona {
  if (context.persona === undefined) {
    const { faker } = context;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const company = faker.company.name();
    const word =
      company
        .toLowerCase()
        .normalize("NFD")
        .replace(/[^a-z0-9]+/g, " ")
        .trim()
        .split(" ")[0] ?? "";
    context.persona = {
      firstName,
      lastName,
      company,
      domain: `${word === "" ? faker.internet.domainWord() : word}.${faker.internet.domainSuffix()}`,
    };
  }
  return context.persona;
}

/** faker's answer for a kind of value. */
export function fakeValue(kind: FakeKind, context: FakeContext): string {
  const { faker, today } = context;
  switch (kind) {
    case "email": {
      const who = persona(context);
      return faker.internet.email({ firstName: who.firstName, lastName: who.lastName, provider: who.domain }).toLowerCase();
    }
    case "organization":
      return persona(context).company;
    case "personName":
      return `${persona(context).firstName} ${persona(context).lastName}`;
    case "firstName":
      return persona(context).firstName;
    case "lastName":
      return persona(context).lastName;
    case "url":
      return faker.internet.url();
    case "identifier":
    case "uuid":
      return faker.string.uuid();
    case "token":
      return faker.string.alphanumeric(40);
    case "code":
      return `${faker.word.adjective()}_${faker.word.noun()}`.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
    case "text":
      return faker.hacker.phrase();
    case "expiry":
      return faker.date.soon({ days: 1, refDate: today.getTime() + dayMs }).toISOString();
    case "moment":
      return faker.date.recent({ days: 90, refDate: today }).toISOString();
    case "date":
      return faker.date.recent({ days: 365, refDate: today }).toISOString().slice(0, 10);
    case "hostname":
      return faker.internet.domainName();
    case "ipv4":
      return faker.internet.ipv4();
    case "ipv6":
      return faker.internet.ipv6();
    case "phone":
      return faker.phone.number({ style: "international" });
    case "city":
      return faker.location.city();
    case "country":
      return faker.location.country();
    case "address":
      return faker.location.streetAddress();
    case "count":
      return String(faker.number.int({ min: 1, max: 100 }));
    case "unknown":
      return faker.word.noun();
  }
}
