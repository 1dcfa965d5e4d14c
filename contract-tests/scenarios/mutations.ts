import { isReference, resolveReference, type JsonSchema, type OpenApiDocument } from "../../openapi/document.js";

/** A value that breaks exactly one keyword of a schema, and which one, in words. */
export interface ValueMutation {
  violation: string;
  value: unknown;
}

type SchemaObject = Record<string, unknown>;

// Values that no validator of the format accepts; keyed by the JSON Schema `format` keyword.
const malformedByFormat: Readonly<Record<string, string>> = {
  email: "not-an-email",
  uri: "not a uri",
  url: "not a url",
  "date-time": "not-a-date-time",
  date: "not-a-date",
  uuid: "not-a-uuid",
  hostname: "not a hostname!",
  ipv4: "999.1.1.1",
};

// One sample per JSON type, to pick a value whose type the schema does not allow.
const sampleByType: readonly [string, unknown][] = [
  ["integer", 12345],
  ["string", "contract-tests"],
  ["boolean", true],
  ["object", { unexpected: true }],
  ["array", ["contract-tests"]],
];

function asObject(document: OpenApiDocument, schema: JsonSchema | undefined): SchemaObject | undefined {
  if (schema === undefined || typeof schema === "boolean") return undefined;
  const resolved = isReference(schema) ? resolveReference<JsonSchema>(document, schema) : schema;
  return typeof resolved === "object" ? resolved : undefined;
}

function typesOf(schema: SchemaObject): string[] | undefined {
  const raw = schema.type;
  if (typeof raw === "string") return [raw];
  return Array.isArray(raw) ? raw.filter((entry): entry is string => typeof entry === "string") : undefined;
}

function typeAllows(types: string[], sampleType: string): boolean {
  return types.includes(sampleType) || (sampleType === "integer" && types.includes("number"));
}

/** The single-keyword breaks of one (non-object) value schema: type, enum, const, format, lengths. */
export function valueMutations(document: OpenApiDocument, schemaOrRef: JsonSchema | undefined): ValueMutation[] {
  const schema = asObject(document, schemaOrRef);
  if (!schema) return [];
  const mutations: ValueMutation[] = [];
  const types = typesOf(schema);
  if (types) {
    const wrong = sampleByType.find(([type]) => !typeAllows(types, type));
    if (wrong) mutations.push({ violation: `wrong type (${wrong[0]} where ${types.join(" or ")} is allowed)`, value: wrong[1] });
  }
  if (Array.isArray(schema.enum)) {
    const first = schema.enum.find((value) => typeof value === "string");
    if (typeof first === "string") mutations.push({ violation: "a value outside the enum", value: `${first}_not_in_enum` });
  }
  if (typeof schema.const === "string") mutations.push({ violation: "a value other than the const", value: `${schema.const}_not_const` });
  if (typeof schema.format === "string" && malformedByFormat[schema.format] !== undefined) {
    mutations.push({ violation: `not a valid ${schema.format}`, value: malformedByFormat[schema.format] });
  }
  if (typeof schema.minLength === "number" && schema.minLength > 0) {
    mutations.push({ violation: `shorter than minLength ${schema.minLength}`, value: "x".repeat(schema.minLength - 1) });
  }
  if (typeof schema.maxLength === "number") {
    mutations.push({ violation: `longer than maxLength ${schema.maxLength}`, value: "x".repeat(schema.maxLength + 1) });
  }
  return mutations;
}

/** Breaks of an object value, one at a time: each required property left out, each property's value broken. */
export function objectMutations(document: OpenApiDocument, schemaOrRef: JsonSchema | undefined, base: Record<string, unknown>, at = "$"): ValueMutation[] {
  const schema = asObject(document, schemaOrRef);
  if (!schema) return [];
  const mutations: ValueMutation[] = [];
  const required = Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === "string") : [];
  for (const name of required) {
    const value = { ...base };
    delete value[name];
    mutations.push({ violation: `required ${at}.${name} left out`, value });
  }
  const properties = typeof schema.properties === "object" && schema.properties !== null ? (schema.properties as Record<string, JsonSchema>) : {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    for (const mutation of valueMutations(document, propertySchema)) {
      mutations.push({ violation: `${at}.${name}: ${mutation.violation}`, value: { ...base, [name]: mutation.value } });
    }
    const nestedBase = base[name];
    if (typeof nestedBase === "object" && nestedBase !== null && !Array.isArray(nestedBase)) {
      for (const nested of objectMutations(document, propertySchema, nestedBase as Record<string, unknown>, `${at}.${name}`)) {
        mutations.push({ violation: nested.violation, value: { ...base, [name]: nested.value } });
      }
    }
  }
  return mutations;
}
