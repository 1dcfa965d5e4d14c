import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The user pages speak to someone who installed the package: `npx connect-contracts …`, never a clone's npm scripts.

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Pages about working on this repository itself, where `npm run …` is the way. */
const clonePages = new Set(["development.md", "performance.md"]);

/** The README's set-up section: the clone's two commands, exactly what `.ci/run` runs. */
const setUp = /^## Set up\n[\s\S]*?(?=^## )/m;

async function userPages(): Promise<{ name: string; text: string }[]> {
  const docs = (await readdir(join(root, "docs"))).filter((name) => name.endsWith(".md") && !clonePages.has(name));
  return Promise.all([
    readFile(join(root, "README.md"), "utf8").then((text) => ({ name: "README.md", text: text.replace(setUp, "") })),
    ...docs.map(async (name) => ({ name: `docs/${name}`, text: await readFile(join(root, "docs", name), "utf8") })),
  ]);
}

describe("the user pages", () => {
  it("name no `npm run` script (their commands are `npx connect-contracts …`; a clone's scripts are in docs/development.md)", async () => {
    const pages = await userPages();
    expect(pages.length).toBeGreaterThan(8);
    const found = pages.flatMap(({ name, text }) =>
      text.split("\n").flatMap((line, index) => (/\bnpm run\b/.test(line) ? [`${name}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it("the README begins with the clone's set-up commands, npm ci then npm run mock or npm test, as .ci/run runs them", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    const section = setUp.exec(readme)?.[0] ?? "";
    expect(readme.indexOf("## Set up")).toBe(readme.indexOf("\n## ") + 1);
    const commands = (section.split("```sh\n")[1] ?? "").split("```")[0]!.split("\n").filter(Boolean).map((line) => line.split("#")[0]!.trim());
    expect(commands).toEqual(["npm ci", "npm run mock", "npm test"]);
    const ci = await readFile(join(root, ".ci", "run"), "utf8");
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it("install the package from its tarball, said plainly, and keep it where teammates' npm ci finds it", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    expect(readme).toContain("npm i -D ./connect-contracts-0.1.0.tgz");
    expect(readme).toMatch(/Commit the `\.tgz`[\s\S]*internal registry[\s\S]*`npm ci` works/);
    const cli = await readFile(join(root, "docs", "cli.md"), "utf8");
    for (const { name, text } of await userPages()) expect(text, name).not.toMatch(/npm i(nstall)? -D connect-contracts\b/);
    expect(cli.split("```sh")[1]?.trim().split("\n")[0]).toBe("npx connect-contracts --version");
  });

  it("give the Vite optimizeDeps hint for an entry the package exports", async () => {
    const msw = await readFile(join(root, "docs", "msw.md"), "utf8");
    expect(msw).toContain('optimizeDeps: { include: ["connect-contracts/mocks/browser"] }');
    const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(manifest.exports["./mocks/browser"]).toBeDefined();
  });
});
