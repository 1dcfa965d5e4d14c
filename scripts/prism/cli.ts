import { startPrismMocks } from "./launcher.js";

/** `npm run mock:prism`: Prism for both providers on the same ports and base paths as `npm run mock`. */

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw === undefined || raw.trim() === "" ? fallback : Number(raw);
}

const mocks = await startPrismMocks({
  host: process.env.MOCK_HOST || "127.0.0.1",
  komboPort: port("KOMBO_MOCK_PORT", 4010),
  kindePort: port("KINDE_MOCK_PORT", 4011),
  verbose: process.env.MOCK_QUIET !== "1",
}).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

process.stdout.write(
  [
    `Prism Kombo mock  ${mocks.kombo.baseUrl}`,
    `Prism Kinde mock  ${mocks.kinde.baseUrl}`,
    `Typed clients: createKomboClient({ apiKey: "any", baseUrl: "${mocks.kombo.baseUrl}" }); createKindeClient({ token: "any", baseUrl: "${mocks.kinde.baseUrl}" })`,
    "Prism answers examples and Prefer-selected statuses; it keeps no state (see README). Ctrl-C stops.",
    "",
  ].join("\n"),
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    void mocks.close().then(() => process.exit(0));
  });
}
