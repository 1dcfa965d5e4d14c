import type { Faker } from "@faker-js/faker";
import { dayMs, fakeValue, kindOf, sourceFirst, type FakeContext } from "./fake-values.js";
import { enumForName, stringEnumsByPropertyName } from "./property-enums.js";
import { ExamplePool } from "./example-pool.js";
import { kindFromName } from "./name-hints.js";
import { isReference, type JsonSchema, type OpenApiDocument } from "../../openapi/document.js";
import {
  alternativesOf,
  declaredTypes,
  impliedTypes,
  isSchemaObject,
  mergeAllOf,
  numberOr,
  requiredNames,
  resolveLocal,
  typeAllows,
  typeOfValue,
  UnsatisfiableSchemaError,
  type JsonType,
  type SchemaObject,
} from "../../openapi/schema-shape.js";
import { patternStrings } from "./pattern-strings.js";
import { stringShapedLike } from "./string-shape.js";
import type { Validator } from "../../openapi/validation.js";

/**
 * Realistic, seeded data for `Prefer: dynamic=true`: values a person would believe, always valid
 * against the schema. What drives each value, strongest first:
 * - the schema: `enum`/`const`, `format` (email, uri, uuid, date-time, ...), `pattern`, lengths, bounds;
 * - the spec's examples for the same schema node: an object follows one of its examples (so an error's
 *   `code`, `title` and `message` belong together), ids, tokens and links keep their examples' shape
 *   (`personio:` + a fresh id of the same letters, a Connect link with a new JWT), and a value that
 *   repeats a sibling in every example (`id` starts with `tool`) repeats the new sibling;
 * - the property's name (`end_user_email`, `organization_name`, `log_url`, `expiry`, ...), answered
 *   by faker (English locale); one person and one organisation per answer, so the email fits the name.
 * Each string is checked against its schema node before it is used; the engine checks the whole answer.
 *
 *     const fake = new FakeDataGenerator({ document, compileSchema: spec.compileSchema, faker: await loadFaker() });
 *     fake.generate(media.schema, 7); // the same value for seed 7, every time (dates count from today, UTC)
 */
export interface FakeDataOptions {
  document: OpenApiDocument;
  /** Compiles a schema node against the document (the engine's `spec.compileSchema`). */
  compileSchema: (schema: JsonSchema) => Validator;
  /** From `loadFaker()` (`./faker.ts`): imported only when dynamic data is first asked for. */
  faker: Faker;
  /** Dates are drawn around the start of this clock's current UTC day. Default: the system clock. */
  clock?: { now(): number };
}

/** One answer being generated: the seeded faker and what the answer's values share. */
interface Run extends FakeContext {
  /** Enums keep to the example being followed (an error answer stays the error of its status). */
  followChoices: boolean;
}

/** Where a value goes: its counterpart in the example the enclosing object follows, and its siblings. */
interface Slot {
  base: unknown;
  parentBase?: Record<string, unknown>;
  siblings?: Record<string, unknown>;
}

type Generate = (run: Run, slot: Slot) => unknown;

/** How often a nullable value is null when no example's choices are followed. */
const nullShare = 0.15;
const attemptsPerStrategy = 4;

function pick<T>(run: Run, values: readonly T[]): T | undefined {
  return values.length === 0 ? undefined : run.faker.helpers.arrayElement(values as T[]);
}

export class FakeDataGenerator {
  private readonly faker: Faker;
  private readonly pool: ExamplePool;
  private readonly enums: Map<string, string[]>;
  private readonly plans = new Map<JsonSchema, Generate>();
  private readonly clock: { now(): number };

  constructor(private readonly options: FakeDataOptions) {
    this.faker = options.faker;
    this.pool = new ExamplePool(options.document);
    this.enums = stringEnumsByPropertyName(options.document);
    this.clock = options.clock ?? { now: () => Date.now() };
  }

  /**
   * A value for `schema`, the same one for the same seed (on the same UTC day). The plan is built once
   * per schema. With `follow`, the value keeps to one of those examples' choices (enums, nulls, which
   * optional properties are set) and only its data is new; without, choices vary over the whole schema.
   */
  generate(schema: JsonSchema, seed: number, follow: readonly unknown[] = []): unknown {
    let plan = this.plans.get(schema);
    if (plan === undefined) {
      plan = this.build(schema, undefined, new Set(), "$");
      this.plans.set(schema, plan);
    }
    // Generation is synchronous, so one faker, reseeded per answer, is never shared by two answers at once.
    this.faker.seed(seed);
    const now = this.clock.now();
    const run: Run = { faker: this.faker, today: new Date(now - (now % dayMs)), followChoices: follow.length > 0 };
    return plan(run, { base: pick(run, follow) });
  }

  private build(schema: JsonSchema, name: string | undefined, expanding: ReadonlySet<string>, where: string, refs: readonly string[] = []): Generate {
    if (schema === true) return (run) => run.faker.word.noun();
    if (schema === false) throw new UnsatisfiableSchemaError(where, "the schema `false` accepts nothing");
    if (isReference(schema)) {
      if (expanding.has(schema.$ref)) throw new UnsatisfiableSchemaError(where, `recursive schemas are not supported (${schema.$ref})`);
      return this.build(resolveLocal(schema, this.options.document), name, new Set([...expanding, schema.$ref]), where, refs);
    }
    // A schema outside the document (a caller's own) brings only its own `examples`.
    const pooled = this.pool.of(schema);
    const examples = pooled.length > 0 ? pooled : Array.isArray(schema.examples) ? schema.examples : [];
    if (Array.isArray(schema.allOf)) {
      const parts = (schema.allOf as JsonSchema[]).flatMap((part) => this.pool.of(resolveLocal(part, this.options.document)));
      return this.buildResolved(mergeAllOf(schema, this.options.document), name, expanding, where, refs, [...examples, ...parts]);
    }
    return this.buildResolved(schema, name, expanding, where, refs, examples);
  }

  private buildResolved(
    schema: SchemaObject,
    name: string | undefined,
    expanding: ReadonlySet<string>,
    where: string,
    refs: readonly string[],
    examples: readonly unknown[],
  ): Generate {
    const branches = alternativesOf(schema, this.options.document);
    if (branches !== undefined) {
      const plans = branches.map((branch) => this.buildResolved(branch, name, expanding, where, refs, examples));
      return (run, slot) => (pick(run, plans) as Generate)(run, slot);
    }
    if ("const" in schema) return () => schema.const;
    const types = declaredTypes(schema) ?? impliedTypes(schema);
    if (Array.isArray(schema.enum)) {
      const allowed = schema.enum.filter((value) => typeAllows(types, value));
      if (allowed.length === 0) throw new UnsatisfiableSchemaError(where, "no `enum` value has an allowed `type`");
      return (run, slot) => (run.followChoices && allowed.includes(slot.base) ? slot.base : pick(run, allowed));
    }
    const chosen = types ?? (["string", "number", "boolean", "null"] as JsonType[]);
    const byType = new Map<JsonType, Generate>();
    for (const type of chosen) {
      if (type === "null") continue;
      byType.set(type, this.buildTyped(type, schema, name, expanding, where, refs, examples));
    }
    if (byType.size === 0 && !chosen.includes("null")) throw new UnsatisfiableSchemaError(where, "`type` names no JSON type");
    const nullable = chosen.includes("null");
    const typed = [...byType.values()];
    return (run, slot) => {
      // Nulls keep to the example being followed; otherwise an occasional null shows the client handles it.
      const isNull = run.followChoices && slot.base !== undefined ? slot.base === null : run.faker.number.float() < nullShare;
      if (nullable && (typed.length === 0 || isNull)) return null;
      const following = slot.base === undefined || slot.base === null ? undefined : byType.get(typeOfValue(slot.base));
      const plan = following ?? (pick(run, typed) as Generate);
      return plan(run, following === undefined ? { ...slot, base: undefined } : slot);
    };
  }

  private buildTyped(
    type: Exclude<JsonType, "null">,
    schema: SchemaObject,
    name: string | undefined,
    expanding: ReadonlySet<string>,
    where: string,
    refs: readonly string[],
    examples: readonly unknown[],
  ): Generate {
    switch (type) {
      case "string":
        return this.stringPlan(schema, name, refs, examples);
      case "integer":
      case "number":
        return this.numberPlan(schema, name, type === "integer", examples);
      case "boolean":
        return (run) => run.faker.datatype.boolean();
      case "object":
        return this.objectPlan(schema, expanding, where, examples);
      case "array":
        return this.arrayPlan(schema, name, expanding, where);
    }
  }

  private stringPlan(schema: SchemaObject, name: string | undefined, refs: readonly string[], examples: readonly unknown[]): Generate {
    const checked: SchemaObject = { type: "string" };
    for (const keyword of ["format", "pattern", "minLength", "maxLength"]) if (keyword in schema) checked[keyword] = schema[keyword];
    const validate = this.options.compileSchema(checked);
    const accepts = (value: unknown): value is string => typeof value === "string" && validate(value).length === 0;
    const exampleStrings = examples.filter((value): value is string => typeof value === "string");
    const validExamples = exampleStrings.filter(accepts);
    const kind = kindOf(schema.format, name);
    const namedEnum = name !== undefined && (kind === "unknown" || kind === "code") ? (enumForName(this.enums, name) ?? []).filter(accepts) : [];
    const fromPatternString = typeof schema.pattern === "string" ? patternStrings(schema.pattern) : undefined;
    const minLength = Math.max(1, numberOr(schema.minLength, 1));
    const maxLength = Math.max(minLength, numberOr(schema.maxLength, Math.max(minLength, 16)));

    const fromTemplate = (run: Run, slot: Slot): string | undefined => {
      if (refs.length === 0 || typeof slot.base !== "string" || slot.parentBase === undefined || slot.siblings === undefined) return undefined;
      const filled = refs.filter((ref) => typeof slot.parentBase?.[ref] === "string" && typeof slot.siblings?.[ref] === "string");
      const keep = filled.map((ref) => slot.parentBase?.[ref] as string).filter((value) => (slot.base as string).includes(value));
      if (keep.length === 0) return undefined;
      let value = stringShapedLike(slot.base, run.faker, { keep, refDate: run.today });
      for (const ref of filled) value = value.split(slot.parentBase[ref] as string).join(slot.siblings[ref] as string);
      return value;
    };
    const fromExampleShape = (run: Run, slot: Slot): string | undefined => {
      const example = typeof slot.base === "string" ? slot.base : pick(run, exampleStrings);
      return example === undefined ? undefined : stringShapedLike(example, run.faker, { keep: [], refDate: run.today });
    };
    const fromExample = (run: Run, slot: Slot): string | undefined => (accepts(slot.base) ? slot.base : pick(run, validExamples));
    const fromNamedEnum = (run: Run): string | undefined => pick(run, namedEnum);
    const fromKind = (run: Run): string => fakeValue(kind, run);
    const fromPattern = (run: Run): string | undefined => fromPatternString?.(run.faker);
    const fromLengths = (run: Run): string => run.faker.string.alpha({ length: { min: minLength, max: maxLength }, casing: "lower" });

    const strategies = {
      faker: [fromTemplate, fromKind, fromExample, fromPattern],
      shape: [fromTemplate, fromExampleShape, fromKind, fromExample, fromPattern],
      examples: [fromTemplate, fromNamedEnum, fromExample, fromKind, fromPattern],
    }[sourceFirst(kind)];
    return (run, slot) => {
      for (const strategy of strategies) {
        for (let attempt = 0; attempt < attemptsPerStrategy; attempt++) {
          const value = strategy(run, slot);
          if (value === undefined) break;
          if (accepts(value)) return value;
        }
      }
      // Nothing believable fits this node; the engine's answer check reports it if this does not fit either.
      return pick(run, validExamples) ?? fromLengths(run);
    };
  }

  private numberPlan(schema: SchemaObject, name: string | undefined, integer: boolean, examples: readonly unknown[]): Generate {
    let min = numberOr(schema.minimum, -Infinity);
    let max = numberOr(schema.maximum, Infinity);
    if (typeof schema.exclusiveMinimum === "number") min = Math.max(min, integer ? Math.floor(schema.exclusiveMinimum) + 1 : schema.exclusiveMinimum);
    if (typeof schema.exclusiveMaximum === "number") max = Math.min(max, integer ? Math.ceil(schema.exclusiveMaximum) - 1 : schema.exclusiveMaximum);
    const numbers = examples.filter((value): value is number => typeof value === "number");
    const kind = kindFromName(name);
    // A believable range: the examples' magnitude, else what the name says, else a small positive number.
    let [low, high] =
      numbers.length > 0
        ? [Math.min(...numbers) / 2, Math.max(...numbers) * 1.5]
        : kind === "expiry"
          ? [3600, 86_400]
          : kind === "count"
            ? [0, 100]
            : [1, 1000];
    low = Math.max(low, min);
    high = Math.min(high, max);
    if (low > high) [low, high] = [Number.isFinite(min) ? min : max - 1000, Number.isFinite(max) ? max : min + 1000];
    const step = typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : undefined;
    const whole = (from: number, to: number): { min: number; max: number } => ({
      min: Math.ceil(from),
      max: Math.max(Math.ceil(from), Math.floor(to)),
    });
    return (run) => {
      if (step !== undefined) return run.faker.number.int(whole(low / step, high / step)) * step;
      if (integer) return run.faker.number.int(whole(low, high));
      const value = run.faker.number.float({ min: low, max: high, fractionDigits: 2 });
      const exclusive =
        (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) ||
        (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum);
      return exclusive ? (low + high) / 2 : value;
    };
  }

  private objectPlan(schema: SchemaObject, expanding: ReadonlySet<string>, where: string, examples: readonly unknown[]): Generate {
    const properties = isSchemaObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
    const required = requiredNames(schema);
    const exampleObjects = examples.filter(isSchemaObject);
    const names = Object.keys(properties);
    const isChoice = (name: string): boolean => {
      const resolved = resolveLocal(properties[name] as JsonSchema, this.options.document);
      return isSchemaObject(resolved) && (Array.isArray(resolved.enum) || "const" in resolved);
    };
    // `id` is built from `tool` when every example that has both holds the tool inside the id.
    const refsOf = (name: string): string[] =>
      names.filter((other) => {
        if (other === name) return false;
        const pairs = exampleObjects.filter((example) => typeof example[name] === "string" && typeof example[other] === "string");
        return (
          pairs.length > 0 &&
          pairs.every((example) => (example[other] as string).length >= 3 && (example[name] as string).includes(example[other] as string))
        );
      });
    const refsByName = new Map(names.map((name) => [name, refsOf(name)]));
    const choices = names.filter(isChoice);
    const templated = names.filter((name) => !choices.includes(name) && (refsByName.get(name) as string[]).length > 0);
    const plain = names.filter((name) => !choices.includes(name) && !templated.includes(name));
    const plans = new Map<string, Generate>();
    for (const name of names) plans.set(name, this.build(properties[name] as JsonSchema, name, expanding, `${where}.${name}`, refsByName.get(name)));
    const unschemed = [...required].filter((name) => !(name in properties));
    const order = [...names, ...unschemed];

    return (run, slot) => {
      const value: Record<string, unknown> = {};
      const parentBase = run.followChoices && isSchemaObject(slot.base) ? slot.base : undefined;
      for (const name of choices) value[name] = (plans.get(name) as Generate)(run, { base: parentBase?.[name] });
      const agrees = (example: Record<string, unknown>): boolean => choices.every((name) => !(name in example) || example[name] === value[name]);
      const following =
        isSchemaObject(slot.base) && agrees(slot.base) ? slot.base : (pick(run, exampleObjects.filter(agrees)) ?? pick(run, exampleObjects));
      const skipped = (name: string): boolean => !required.has(name) && following !== undefined && !(name in following);
      for (const name of choices) if (skipped(name)) delete value[name];
      for (const name of [...plain, ...templated]) {
        if (skipped(name)) continue;
        value[name] = (plans.get(name) as Generate)(run, { base: following?.[name], parentBase: following, siblings: value });
      }
      for (const name of unschemed) value[name] = run.faker.word.noun();
      return Object.fromEntries(order.filter((name) => name in value).map((name) => [name, value[name]]));
    };
  }

  private arrayPlan(schema: SchemaObject, name: string | undefined, expanding: ReadonlySet<string>, where: string): Generate {
    const items = schema.items === undefined || Array.isArray(schema.items) ? true : (schema.items as JsonSchema);
    const item = this.build(items, name, expanding, `${where}[]`);
    const minItems = Math.max(0, numberOr(schema.minItems, 0));
    const maxItems = Math.max(minItems, numberOr(schema.maxItems, Math.max(minItems, 3)));
    return (run, slot) => {
      const wanted = Array.isArray(slot.base)
        ? Math.min(Math.max(slot.base.length, minItems), maxItems)
        : run.faker.number.int({ min: Math.min(Math.max(minItems, 1), maxItems), max: maxItems });
      const values: unknown[] = [];
      const seen = new Set<string>();
      for (let attempt = 0; values.length < wanted && attempt < wanted * 10; attempt++) {
        const value = item(run, { base: Array.isArray(slot.base) ? slot.base[values.length] : undefined });
        if (schema.uniqueItems === true) {
          const key = JSON.stringify(value);
          if (seen.has(key)) continue;
          seen.add(key);
        }
        values.push(value);
      }
      return values;
    };
  }
}
