import { base, en, Faker } from "@faker-js/faker";
import { describe, expect, it } from "vitest";
import { stringShapedLike } from "../string-shape.js";

const faker = new Faker({ locale: [en, base] });
const options = { keep: [] as string[], refDate: new Date("2026-11-30T00:00:00.000Z") };

describe("stringShapedLike", () => {
  it("keeps separators, lengths and the letters each run is made of", () => {
    faker.seed(1);
    for (let round = 0; round < 50; round++) {
      expect(stringShapedLike("b8d1f0a5c2e94e7f9a3d6c1b0e8f7a42", faker, options)).toMatch(/^[0-9a-f]{32}$/);
      expect(stringShapedLike("36123", faker, options)).toMatch(/^[1-9]\d{4}$/);
      expect(stringShapedLike("org_8f3a2c", faker, options)).toMatch(/^org_[0-9a-f]{6}$/);
      expect(stringShapedLike("ya29.a0AfB_byC3kT9", faker, options)).toMatch(/^[a-z0-9]{4}\.[A-Za-z0-9]{5}_[A-Za-z0-9]{7}$/);
    }
    expect(stringShapedLike("CBNMt7dSNCzBdnRTx87dev4E", faker, options)).not.toBe("CBNMt7dSNCzBdnRTx87dev4E");
  });

  it("keeps what it is told to keep, a link's page, and answers a JWT with a JWT", () => {
    faker.seed(2);
    expect(stringShapedLike("personio:CBNMt7dSNCzBdnRTx87dev4E", faker, { ...options, keep: ["personio"] })).toMatch(/^personio:[A-Za-z0-9]{24}$/);
    const link = stringShapedLike("https://app.kombo.dev/my-prod/logs?interactionId=8Ycz6bAYmJ1Q2n4fwkWs", faker, options);
    expect(link).toMatch(/^https:\/\/app\.kombo\.dev\/my-prod\/logs\?interactionId=[A-Za-z0-9]{20}$/);
    expect(link).not.toContain("8Ycz6bAYmJ1Q2n4fwkWs");
    const jwt = stringShapedLike("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", faker, options);
    expect(JSON.parse(atob((jwt.split(".")[0] as string).replace(/-/g, "+").replace(/_/g, "/")))).toHaveProperty("alg");
  });

  it("is repeatable for a seed", () => {
    faker.seed(9);
    const first = stringShapedLike("personio:CBNMt7dSNCzBdnRTx87dev4E", faker, options);
    faker.seed(9);
    expect(stringShapedLike("personio:CBNMt7dSNCzBdnRTx87dev4E", faker, options)).toBe(first);
  });
});
