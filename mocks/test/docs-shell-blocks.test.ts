import { describe, expect, it } from "vitest";
import { docShellBlocks, expectedExitCode, outputMismatch, skipReason } from "./docs-shell-blocks.js";

const page = [
  "Intro.",
  "",
  "```sh",
  "H='Authorization: Bearer any'",
  "",
  "# prose about the next command",
  "curl -sS http://127.0.0.1:4010/x -H \"$H\" \\",
  "  -d '{}'",
  '# {"status":"success","id":"…"}',
  "# 200",
  "curl -sS http://127.0.0.1:4011/y -H 'Prefer: fault=reset'",
  "# curl: (56) Recv failure: Connection reset by peer",
  "npm run mock -- --kombo-port 4020",
  "```",
  "",
  "<!-- check: skip: needs a server on 4310 -->",
  "```sh",
  "curl -sS http://127.0.0.1:4310/v1",
  "```",
].join("\n");

describe("docShellBlocks", () => {
  const [first, second] = docShellBlocks("docs/x.md", page);

  it("joins continuation lines, takes the comment lines right after a command as its output and the others as prose", () => {
    expect(first?.skip).toBeUndefined();
    expect(first?.commands.map((command) => [command.line, command.text, command.expectedOutput])).toEqual([
      [4, "H='Authorization: Bearer any'", []],
      [7, "curl -sS http://127.0.0.1:4010/x -H \"$H\" \\\n  -d '{}'", ['{"status":"success","id":"…"}', "200"]],
      [11, "curl -sS http://127.0.0.1:4011/y -H 'Prefer: fault=reset'", ["curl: (56) Recv failure: Connection reset by peer"]],
      [13, "npm run mock -- --kombo-port 4020", []],
    ]);
  });

  it("reads a skip marker, and names the commands it does not run", () => {
    expect(second).toMatchObject({ line: 17, skip: "needs a server on 4310" });
    expect(first?.commands.map((command) => skipReason(command))).toEqual([undefined, undefined, undefined, "starts a mock server that runs until Ctrl-C"]);
    const command = (text: string, expectedOutput: string[] = []) => ({ line: 1, text, expectedOutput });
    expect(skipReason(command("KOMBO_MOCK_PORT=4310 npx connect-contracts mock --quiet"))).toBe("starts a mock server that runs until Ctrl-C");
    expect(skipReason(command("npx connect-contracts mock --port 1; echo \"exit code $?\"", ["error: unknown option '--port'", "exit code 2"]))).toBeUndefined();
    expect(skipReason(command("npx connect-contracts drift --kombo https://api.kombo.dev/openapi.json"))).toBe("reaches a host on the internet");
    expect(skipReason(command("npm i -D connect-contracts"))).toBe("installs packages");
  });

  it("expects curl's own exit code where the docs show curl's error", () => {
    expect(first?.commands.map((command) => expectedExitCode(command))).toEqual([0, 0, 56, 0]);
  });
});

describe("outputMismatch", () => {
  const documented = ['{"status":"success","id":"…"}', "200"];

  it("accepts fresh values where the docs write …, keys in any order, and CRLF line ends", () => {
    expect(outputMismatch(documented, '{"id":"abc123","status":"success"}\n200\n')).toBeUndefined();
    expect(outputMismatch(["location: http://x/cb?session_id=…"], "location: http://x/cb?session_id=s1\r\n")).toBeUndefined();
    expect(outputMismatch([], "anything")).toBeUndefined();
  });

  it("names the JSON path, the line and what differs", () => {
    expect(outputMismatch(documented, '{"status":"error","id":"a"}\n200')).toBe('line 1: $.status: expected "success", got "error"');
    expect(outputMismatch(documented, '{"status":"success"}\n200')).toBe("line 1: $: keys differ (missing: id; not documented: none)");
    expect(outputMismatch(documented, '{"status":"success","id":"a","extra":1}\n200')).toBe("line 1: $: keys differ (missing: none; not documented: extra)");
    expect(outputMismatch(documented, '{"status":"success","id":"a"}\n400')).toBe('line 2: expected "200", got "400"');
    expect(outputMismatch(documented, '{"status":"success","id":"a"}')).toBe("the docs show 2 line(s), it printed 1");
    expect(outputMismatch(['{"errors":[{"code":"X"}]}'], '{"errors":[]}')).toBe('line 1: $.errors: expected an array of 1, got []');
    expect(outputMismatch(['{"a":1}'], "not json")).toBe('line 1: $: expected an object, got "not json"');
    expect(outputMismatch(["token: mock_…"], "token: live_1")).toBe('line 1: expected "token: mock_…", got "token: live_1"');
  });
});
