import { describe, expect, it } from "vitest";
import { kindFromName, nameWords } from "../name-hints.js";

describe("kindFromName", () => {
  it("splits snake, kebab and camel case into words", () => {
    expect(nameWords("end_user_organization_name")).toEqual(["end", "user", "organization", "name"]);
    expect(nameWords("endUserEmail")).toEqual(["end", "user", "email"]);
    expect(nameWords("log-url")).toEqual(["log", "url"]);
  });

  it("reads the head noun and its qualifiers", () => {
    const kinds = Object.fromEntries(
      [
        "end_user_email",
        "end_user_organization_name",
        "first_name",
        "display_name",
        "log_url",
        "link",
        "access_token",
        "session_id",
        "end_user_origin_id",
        "org_code",
        "message",
        "title",
        "access_token_expiry",
        "expires_in",
        "created_at",
        "phone_number",
        "tool",
        "setup_status",
      ].map((name) => [name, kindFromName(name)]),
    );
    expect(kinds).toEqual({
      end_user_email: "email",
      end_user_organization_name: "organization",
      first_name: "firstName",
      display_name: "personName",
      log_url: "url",
      link: "url",
      access_token: "token",
      session_id: "identifier",
      end_user_origin_id: "identifier",
      org_code: "code",
      message: "text",
      title: "text",
      access_token_expiry: "expiry",
      expires_in: "expiry",
      created_at: "moment",
      phone_number: "phone",
      tool: "unknown",
      setup_status: "unknown",
    });
    expect(kindFromName(undefined)).toBe("unknown");
  });
});
