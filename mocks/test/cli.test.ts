import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const launcher = fileURLToPath(new URL("../node/launch.mjs", import.meta.url));

describe("npm run mock (the bundled CLI)", () => {
  it("prints both base URLs and the client line, answers, logs redacted lines, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [launcher], {
      env: { ...process.env, KOMBO_MOCK_PORT: "0", KINDE_MOCK_PORT: "0", MOCK_HOST: "127.0.0.1", KOMBO_MOCK_API_KEY: "sk_pinned" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (output.includes("Ctrl-C stops")) {
          clearInterval(check);
          resolve();
        }
      }, 20);
      void exited.then(() => {
        clearInterval(check);
        reject(new Error(`the mock exited early:\n${output}`));
      });
    });
    const kombo = /Kombo mock {2}(http:\/\/127\.0\.0\.1:\d+\/v1)\n/.exec(output)?.[1];
    const kinde = /Kinde mock {2}(http:\/\/127\.0\.0\.1:\d+)\n/.exec(output)?.[1];
    expect(kombo).toBeDefined();
    expect(kinde).toBeDefined();
    expect(output).toContain(`createKomboClient({ apiKey: "sk_pinned", baseUrl: "${kombo}" }); createKindeClient({ token: "any", baseUrl: "${kinde}" })`);
    expect(output).toContain("pinned by KOMBO_MOCK_API_KEY");

    const refused = await fetch(`${kombo}/connect/integration-by-token/t`, { headers: { authorization: "Bearer other" } });
    expect(refused.status).toBe(401);
    const answered = await fetch(`${kinde}/api/v1/connected_apps/token?session_id=secret-session`, { headers: { authorization: "Bearer x", prefer: "code=200" } });
    expect(answered.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output).toMatch(/\[kombo\] GET \/v1\/connect\/integration-by-token\/\{token\} 401 [\d.]+ms\n/);
    expect(output).toMatch(/\[kinde\] GET \/api\/v1\/connected_apps\/token\?session_id=\*\*\* 200 [\d.]+ms\n/);
    expect(output).not.toContain("secret-session");

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM: stopping the mocks");
  }, 30_000);
});
