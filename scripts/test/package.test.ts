// The package as users get it: `npm pack`, installed into an empty project with TypeScript, type-checked
// under NodeNext and run with plain Node against a local stand-in of both providers.
import { execFile, spawn } from "node:child_process";
import { builtinModules } from "node:module";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import kindeDocument from "../../generated/kinde/spec.js";
import komboDocument from "../../generated/kombo/spec.js";
import { specExample, startStandIn, type StandIn } from "../../client/test/stand-in.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";
import { createServer } from "node:net";
import { acceptsConnections } from "../../mocks/test/ports.js";
import {
  appPackageJson,
  appTestSource,
  consumerBundlerTsconfig,
  consumerPackageJson,
  consumerSource,
  consumerTsconfig,
  moduleLevelClientSource,
} from "./package-consumer.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const run = promisify(execFile);
// Build, pack and an install from the local npm cache: tens of seconds on a busy machine.
const packTimeout = 180_000;

interface PackageJson {
  name: string;
  version: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  exports?: Record<string, unknown>;
}

let workDir: string;
let consumerDir: string;
/** A project set up as docs/clients.md says, holding that page's and the README's examples as written. */
let docsConsumerDir: string;
let packedFiles: string[];
let installed: string;
let clientPageSnippets: string[];
let tarball: string;

/** The TypeScript code blocks of the README and the typed-client page, which users copy and paste. */
function typedClientSnippets(page: string): string[] {
  return [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

/** The tsconfig.json docs/clients.md tells a TypeScript project to use. */
function documentedTsconfig(page: string): string {
  const block = /<!-- check: consumer-tsconfig -->\n```json\n([\s\S]*?)```/.exec(page)?.[1];
  if (block === undefined) throw new Error("docs/clients.md has no `<!-- check: consumer-tsconfig -->` json block");
  return block;
}

async function runOrExplain(command: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await run(command, args, { cwd, maxBuffer: 32 * 1024 * 1024 })).stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`\`${command} ${args.join(" ")}\` failed in ${cwd}:\n${failed.stdout ?? ""}\n${failed.stderr ?? failed.message}`);
  }
}

/** Runs a command that may fail; its exit code and everything it printed. */
async function runForCode(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "connect-contracts-pack-"));
  // `npm pack` runs `prepack` (npm run build) first, as for a publish.
  const packJson = await runOrExplain("npm", ["pack", "--json", "--pack-destination", workDir], root);
  const [packed] = JSON.parse(packJson.slice(packJson.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error(`npm pack printed no package: ${packJson}`);
  packedFiles = packed.files.map((file) => file.path);
  tarball = join(workDir, packed.filename);

  consumerDir = join(workDir, "consumer");
  await mkdir(join(consumerDir, "src"), { recursive: true });
  await writeFile(join(consumerDir, "package.json"), JSON.stringify(consumerPackageJson, null, 2));
  await writeFile(join(consumerDir, "tsconfig.json"), JSON.stringify(consumerTsconfig, null, 2));
  await writeFile(join(consumerDir, "tsconfig.bundler.json"), JSON.stringify(consumerBundlerTsconfig, null, 2));
  await writeFile(join(consumerDir, "src", "consumer.ts"), consumerSource);
  const clientsPage = await readFile(join(root, "docs", "clients.md"), "utf8");
  clientPageSnippets = [...typedClientSnippets(await readFile(join(root, "README.md"), "utf8")), ...typedClientSnippets(clientsPage)];
  // The examples exactly as written, in a project set up as the page says ("type": "module", its tsconfig.json).
  docsConsumerDir = join(workDir, "docs-consumer");
  await mkdir(join(docsConsumerDir, "src"), { recursive: true });
  await writeFile(join(docsConsumerDir, "package.json"), JSON.stringify({ name: "docs-consumer", private: true, type: "module" }, null, 2));
  await writeFile(join(docsConsumerDir, "tsconfig.json"), documentedTsconfig(clientsPage));
  for (const [index, snippet] of clientPageSnippets.entries()) await writeFile(join(docsConsumerDir, "src", `example-${index + 1}.ts`), snippet);
  const ours = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as PackageJson;
  const typescript = `typescript@${ours.devDependencies?.typescript ?? "5"}`;
  // The page tells TypeScript users to add @types/node; the consumer's own tsconfig leaves it out ("types": []).
  const nodeTypes = `@types/node@${ours.devDependencies?.["@types/node"] ?? "20"}`;
  await runOrExplain(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(workDir, packed.filename), typescript, nodeTypes],
    consumerDir,
  );
  await symlink(join(consumerDir, "node_modules"), join(docsConsumerDir, "node_modules"), "dir");
  installed = join(consumerDir, "node_modules", "connect-contracts");
}, packTimeout);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/**
 * Bare module names imported, transitively through relative imports, by `entry` (a file of the installed package);
 * with `staticOnly`, only what loads with it (no `import()`).
 */
async function bareImportsOf(entry: string, { staticOnly = false } = {}): Promise<Set<string>> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(file, "utf8");
    // Minified code too: `import{a as b}from"./chunk.js"`, `import"./chunk.js"`.
    for (const match of text.matchAll(/(?:\bimport|\bexport)\s*[^;()"']*?from\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
      if (staticOnly && match[3] !== undefined) continue;
      const specifier = match[1] ?? match[2] ?? match[3] ?? "";
      if (specifier.startsWith(".")) queue.push(join(dirname(file), specifier));
      else bare.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : (specifier.split("/")[0] ?? specifier));
    }
  }
  return bare;
}

describe("npm pack", () => {
  test("ships compiled ESM and .d.ts for both entry points, the specs, and no test or TypeScript source", () => {
    for (const provider of ["kombo", "kinde"]) {
      for (const file of ["index.js", "index.d.ts", "types.d.ts"]) expect(packedFiles).toContain(`dist/generated/${provider}/${file}`);
      expect(packedFiles).toContain(`specs/${provider}.yaml`);
    }
    expect(packedFiles).toContain("dist/client/create-client.js");
    expect(packedFiles).toContain("dist/client/strict-client.d.ts");
    expect(packedFiles.filter((file) => /(^|\/)test\/|\.test\./.test(file))).toEqual([]);
    expect(packedFiles.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
  });

  test("the clients need only openapi-fetch at run time (and parseKomboWebhook ajv), each a dependency (msw is not reached)", async () => {
    const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as PackageJson;
    expect(manifest.dependencies?.["openapi-fetch"]).toBeDefined();
    for (const provider of ["kombo", "kinde"]) {
      expect(manifest.exports?.[`./${provider}`]).toMatchObject({
        types: `./dist/generated/${provider}/index.d.ts`,
        import: `./dist/generated/${provider}/index.js`,
      });
      const runtime = await bareImportsOf(join(installed, "dist", "generated", provider, "index.js"));
      // A spec with webhooks brings their parse, which validates with ajv: loaded by a dynamic import on the first parse only.
      const validation = provider === "kombo" ? ["ajv", "ajv-formats"] : [];
      expect([...runtime].sort(), `${provider} run-time imports`).toEqual([...validation, "openapi-fetch"]);
      const atLoad = await bareImportsOf(join(installed, "dist", "generated", provider, "index.js"), { staticOnly: true });
      expect([...atLoad], `${provider} imports at load`).toEqual(["openapi-fetch"]);
      for (const name of runtime) expect(manifest.dependencies?.[name], `${name} is a dependency`).toBeDefined();
      // Types have no dynamic imports; the walk follows relative `.js` specifiers, so it would count the parse's.
      const types = await bareImportsOf(join(installed, "dist", "generated", provider, "index.d.ts"), { staticOnly: true });
      expect([...types], `${provider} type imports`).toEqual(["openapi-fetch"]);
    }
    const required = { ...manifest.dependencies, ...manifest.peerDependencies };
    const optionalPeers = Object.entries(manifest.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional);
    expect(optionalPeers.map(([name]) => name)).not.toContain("openapi-fetch");
    expect(required["openapi-fetch"]).toBeDefined();
    expect(manifest.devDependencies?.["openapi-fetch"]).toBeUndefined();
  });

  test("ships the connect-contracts command as compiled JavaScript that loads only production dependencies", async () => {
    const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as PackageJson;
    expect(manifest.bin).toEqual({ "connect-contracts": "dist/cli/bundle/connect-contracts.js" });
    const bin = join(installed, "dist", "cli", "bundle", "connect-contracts.js");
    expect((await readFile(bin, "utf8")).split("\n")[0]).toBe("#!/usr/bin/env node");
    // One bundle: it loads no package as it starts; faker comes with the first dynamic answer, Prism and msw
    // only when their contract target is asked for.
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const loaded = [...(await bareImportsOf(bin, { staticOnly: true }))].filter((name) => !builtins.has(name));
    expect(loaded, "packages imported at start").toEqual([]);
    const later = [...(await bareImportsOf(bin))].filter((name) => !builtins.has(name));
    expect(later).toContain("@faker-js/faker");
    expect(later.filter((name) => manifest.dependencies?.[name] === undefined && manifest.peerDependencies?.[name] === undefined), "imported but not a dependency").toEqual([]);
  });

  describe("an empty project that installs the tarball", () => {
    let standIn: StandIn;
    beforeAll(async () => {
      standIn = await startStandIn();
    });
    afterAll(() => standIn?.close());

    test(
      "type-checks under NodeNext (and Bundler), as do the client examples of docs/clients.md in the project that page describes, and, compiled, creates a Kombo link and reads a Kinde token from a stand-in",
      async () => {
        const tsc = join(consumerDir, "node_modules", "typescript", "bin", "tsc");
        await runOrExplain("node", [tsc, "-p", "tsconfig.bundler.json"], consumerDir);
        await runOrExplain("node", [tsc, "-p", "tsconfig.json"], consumerDir);
        // The README's and docs/clients.md's examples, as written, with the page's tsconfig.json and its Bundler variant.
        expect(clientPageSnippets.length).toBeGreaterThanOrEqual(4);
        await runOrExplain("node", [tsc, "-p", "tsconfig.json", "--noEmit"], docsConsumerDir);
        await runOrExplain("node", [tsc, "-p", "tsconfig.json", "--noEmit", "--module", "ESNext", "--moduleResolution", "Bundler"], docsConsumerDir);

        const kombo = compileSpec(komboDocument as unknown as OpenApiDocument);
        const kinde = compileSpec(kindeDocument as unknown as OpenApiDocument);
        const link = specExample(kombo, "PostConnectCreateLink", "200");
        const token = specExample(kinde, "GetConnectedAppToken", "200");
        standIn.reply = (request) =>
          request.url.startsWith("/kombo/v1/connect/create-link")
            ? { status: 200, body: link }
            : request.url.startsWith("/kinde/api/v1/connected_apps/token")
              ? { status: 200, body: token }
              : { status: 404, body: { errors: [{ code: "ROUTE_NOT_FOUND", message: request.url }] } };

        // Plain Node, no loader: the compiled consumer and the package's compiled ESM.
        const stdout = await runOrExplain(
          "node",
          [join(consumerDir, "dist", "consumer.js"), `${standIn.url}/kombo/v1`, `${standIn.url}/kinde`],
          consumerDir,
        );

        expect(JSON.parse(stdout)).toEqual({
          link: (link as { data: { link: string } }).data.link,
          accessToken: token,
          optionError: "createKomboClient: option `apiKey` must not be empty",
          euServer: "https://api.kombo.dev/v1",
          wrongIsFunction: true,
        });
        expect(standIn.requests.map((request) => `${request.method} ${request.url} ${request.headers.authorization}`)).toEqual([
          "POST /kombo/v1/connect/create-link Bearer consumer-kombo-key",
          "GET /kinde/api/v1/connected_apps/token?session_id=sess_consumer Bearer consumer-kinde-token",
        ]);
        expect(JSON.parse(standIn.requests[0]?.body ?? "")).toEqual({
          end_user_email: "jane.doe@acme.example",
          end_user_organization_name: "Acme GmbH",
        });
      },
      packTimeout,
    );

    test("`npx connect-contracts --version` and `--help` work, and an unknown command is refused with exit code 2", async () => {
      const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as PackageJson;
      expect(await runOrExplain("npx", ["connect-contracts", "--version"], consumerDir)).toBe(`${manifest.version}\n`);
      const help = await runOrExplain("npx", ["connect-contracts", "--help"], consumerDir);
      expect(help).toMatch(/^Usage: connect-contracts \[options\] \[command\]/);
      expect(help).toMatch(/\n {2}mock \[options\] /);
      expect(help).toMatch(/\n {2}contract \[options\] /);
      const refused = await runForCode("npx", ["connect-contracts", "serve"], consumerDir);
      expect(refused).toMatchObject({ code: 2 });
      expect(refused.output).toContain("error: unknown command 'serve'");
    }, packTimeout);

    test("`npx connect-contracts mock --kombo-port <p> --kinde-port <q>` answers create-link 200 and stops on SIGTERM", async () => {
      // Its own process group, so the stop reaches the mock behind npx.
      const child = spawn("npx", ["connect-contracts", "mock", "--kombo-port", "0", "--kinde-port", "0"], {
        cwd: consumerDir,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      // npx dies at once; the mock behind it holds the pipe until it has said goodbye.
      const outputClosed = new Promise<void>((resolve) => child.stdout.once("close", () => resolve()));
      try {
        await new Promise<void>((resolve, reject) => {
          const check = setInterval(() => {
            if (output.includes("Ctrl-C stops")) {
              clearInterval(check);
              resolve();
            }
          }, 50);
          void exited.then(() => {
            clearInterval(check);
            reject(new Error(`the mock exited early:\n${output}`));
          });
        });
        const kombo = /Kombo mock {2}(http:\/\/127\.0\.0\.1:\d+\/v1)\n/.exec(output)?.[1];
        expect(kombo, output).toBeDefined();
        const created = await fetch(`${kombo}/connect/create-link`, {
          method: "POST",
          headers: { authorization: "Bearer consumer-key", "content-type": "application/json" },
          body: JSON.stringify({ end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" }),
        });
        expect(created.status).toBe(200);
        expect(((await created.json()) as { data: { link: string } }).data.link).toMatch(/^https?:\/\//);
      } finally {
        if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      }
      await outputClosed;
      expect(output).toContain("SIGTERM: stopping the mocks");
    }, packTimeout);

    test("`npx connect-contracts contract --target mock` ends `N passed, 0 failed`; the prism and msw targets say how to install what they need", async () => {
      const reports = join(workDir, "contract-reports");
      const passed = await runOrExplain("npx", ["connect-contracts", "contract", "--target", "mock", "--runs", "2", "--reports", reports], consumerDir);
      expect(passed.trimEnd().split("\n").at(-1)).toMatch(/^contract: [1-9]\d* passed, 0 failed, 0 skipped$/);
      await expect(readFile(join(reports, "junit.xml"), "utf8")).resolves.toContain("<testsuite");

      // Prism is a devDependency of ours, so this project does not have it.
      const prism = await runForCode("npx", ["connect-contracts", "contract", "--target", "prism", "--reports", reports], consumerDir);
      expect(prism.code).toBe(1);
      expect(prism.output).toContain("npm i -D @stoplight/prism-cli");
      // msw is an optional peer dependency: not installed here either.
      const msw = await runForCode("npx", ["connect-contracts", "contract", "--target", "msw", "--reports", reports], consumerDir);
      expect(msw.code).toBe(1);
      expect(msw.output).toContain("the msw target needs msw, which is not installed here. Install it in your project: npm i -D msw");
    }, packTimeout);
  });

  describe("an app with msw that installs the tarball", () => {
    let appDir: string;
    beforeAll(async () => {
      appDir = join(workDir, "app");
      await mkdir(appDir, { recursive: true });
      await writeFile(join(appDir, "package.json"), JSON.stringify(appPackageJson, null, 2));
      await writeFile(join(appDir, "module-level-client.mjs"), moduleLevelClientSource);
      await writeFile(join(appDir, "app-test.mjs"), appTestSource);
      const ours = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as PackageJson;
      const msw = `msw@${ours.devDependencies?.msw ?? "2"}`;
      await runOrExplain("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball, msw], appDir);
    }, packTimeout);

    test("a client created at module level, before setupMockServer().listen({ onUnhandledRequest: \"error\" }), gets the mock's 200 for create-link", async () => {
      const printed = JSON.parse(await runOrExplain("node", ["module-level-client.mjs"], appDir)) as Record<string, unknown>;
      expect(printed).toMatchObject({
        status: 200,
        journal: ["kombo PostConnectCreateLink 200"],
        body: { end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" },
        authorization: "Bearer ***",
        answered200: 1,
      });
      expect(printed.link).toMatch(/^https?:\/\//);
    }, packTimeout);

    test("`npx connect-contracts mock &`, then `npx connect-contracts coverage` fails --min 100 naming PostConnectCreateLink 429 and passes --min 1; a SIGTERM to npx frees both ports", async () => {
      const [komboPort, kindePort] = await twoFreePorts();
      const env = { ...process.env, KOMBO_MOCK_PORT: String(komboPort), KINDE_MOCK_PORT: String(kindePort) };
      // Not detached: the SIGTERM goes to npx alone, as `kill -TERM <pid of npx>` in a shell or CI does.
      const npx = spawn("npx", ["connect-contracts", "mock"], { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      npx.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      npx.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      try {
        await until(async () => output.includes("Ctrl-C stops"), () => npx.exitCode !== null, () => output);
        const kombo = `http://127.0.0.1:${komboPort}`;
        const createLink = (email: string, prefer?: string) =>
          fetch(`${kombo}/v1/connect/create-link`, {
            method: "POST",
            headers: { authorization: "Bearer app-key", "content-type": "application/json", ...(prefer ? { prefer } : {}) },
            body: JSON.stringify({ end_user_email: email, end_user_organization_name: "Acme GmbH" }),
          });
        expect((await createLink("jane@acme.example")).status).toBe(200);
        expect((await createLink("not-an-email")).status).toBe(400);
        expect((await createLink("jane@acme.example", "code=401")).status).toBe(401);
        const from = ["--from", kombo, "--from", `http://127.0.0.1:${kindePort}`];
        const short = await runForCode("npx", ["connect-contracts", "coverage", ...from, "--min", "100"], appDir);
        expect(short.code, short.output).toBe(1);
        expect(short.output).toContain("kombo PostConnectCreateLink 429");
        expect(short.output).toMatch(/kombo PostConnectCreateLink +200:1 +400:1 +401:1 +403:- /);
        const enough = await runForCode("npx", ["connect-contracts", "coverage", ...from, "--min", "1"], appDir);
        expect(enough.code, enough.output).toBe(0);
        await expect(readFile(join(appDir, "reports", "consumer-coverage.html"), "utf8")).resolves.toContain("Consumer coverage");
      } finally {
        if (npx.pid !== undefined && npx.exitCode === null) process.kill(npx.pid, "SIGTERM");
      }
      await until(async () => !(await acceptsConnections(komboPort)) && !(await acceptsConnections(kindePort)), () => false, () => output);
    }, packTimeout);

    test("docs/mock.md's CI recipe, run as written with bash, starts the mock, waits, runs the app's npm test, checks coverage and stops the mock", async () => {
      const page = await readFile(join(root, "docs", "mock.md"), "utf8");
      const recipe = /<!-- check: skip: [^\n]*package\.test\.ts runs it[^\n]*-->\n```sh\n([\s\S]*?)```/.exec(page)?.[1];
      expect(recipe, "docs/mock.md's CI recipe").toBeDefined();
      const [komboPort, kindePort] = await twoFreePorts();
      const env = { ...process.env, KOMBO_MOCK_PORT: String(komboPort), KINDE_MOCK_PORT: String(kindePort) };
      const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const bash = spawn("bash", ["-c", recipe ?? ""], { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        bash.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        bash.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        bash.once("close", (code) => resolve({ code, output }));
      });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain("app test passed");
      expect(result.output).toMatch(/consumer coverage: 1 of \d+ declared statuses met/);
      await until(async () => !(await acceptsConnections(komboPort)) && !(await acceptsConnections(kindePort)), () => false, () => result.output);
    }, packTimeout);
  });
});

/** Two ports nothing listens on now. */
async function twoFreePorts(): Promise<[number, number]> {
  const servers = await Promise.all(
    Array.from({ length: 2 }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const [first, second] = servers.map((server) => (server.address() as { port: number }).port) as [number, number];
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return [first, second];
}


/** Waits until `done`; fails, showing `output`, if `gaveUp` says waiting is pointless (the process exited). */
async function until(done: () => Promise<boolean>, gaveUp: () => boolean, output: () => string): Promise<void> {
  while (!(await done())) {
    if (gaveUp()) throw new Error(`gave up waiting:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
