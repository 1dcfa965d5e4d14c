import { mockSettingsFromEnv } from "../providers/index.js";
import { defaultPorts, startMockServers } from "./server.js";

/** `npm run mock`: both mocks on their usual ports until Ctrl-C. */

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`${name}=${raw} is not a port (0-65535).\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const settings = mockSettingsFromEnv(process.env);
  let mocks;
  try {
    mocks = await startMockServers({
      host: process.env.MOCK_HOST || "127.0.0.1",
      komboPort: portFrom("KOMBO_MOCK_PORT", defaultPorts.kombo),
      kindePort: portFrom("KINDE_MOCK_PORT", defaultPorts.kinde),
      quiet: process.env.MOCK_QUIET === "1",
      settings,
      engine: { onDrift: (drift) => process.stderr.write(`DRIFT ${drift.operationId} ${drift.status}: ${drift.problems.join("; ")}\n`) },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const pinned = [
    settings.kombo?.apiKeys?.length ? "KOMBO_MOCK_API_KEY" : "",
    settings.kinde?.tokens?.length ? "KINDE_MOCK_TOKEN" : "",
    settings.kinde?.keyCodeRefs?.length ? "KINDE_MOCK_KEY_CODE_REFS" : "",
  ].filter(Boolean);
  process.stdout.write(
    [
      `Kombo mock  ${mocks.kombo.baseUrl}`,
      `Kinde mock  ${mocks.kinde.baseUrl}`,
      `Typed clients: createKomboClient({ apiKey: "${settings.kombo?.apiKeys?.[0] ?? "any"}", baseUrl: "${mocks.kombo.baseUrl}" }); createKindeClient({ token: "${settings.kinde?.tokens?.[0] ?? "any"}", baseUrl: "${mocks.kinde.baseUrl}" })`,
      `Credentials: ${pinned.length > 0 ? `pinned by ${pinned.join(", ")}` : "any non-empty bearer, any key_code_ref"}. Reset state: POST ${mocks.kombo.origin}/__mock/reset (and ${mocks.kinde.origin}/__mock/reset). Ready ${Math.round(performance.now())} ms after start; Ctrl-C stops.`,
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the mocks\n`);
    void mocks.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main();
