import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The user pages speak to someone who installed the package: `npx connect-contracts …`, never a clone's npm scripts.

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Pages about working on this repository itself, where `npm run …` is the way. */
const clonePages = new Set(["development.md", "performance.md"]);

async function userPages(): Promise<{ name: string; text: string }[]> {
  const docs = (await readdir(join(root, "docs"))).filter((name) => name.endsWith(".md") && !clonePages.has(name));
  return Promise.all([
    readFile(join(root, "README.md"), "utf8").then((text) => ({ name: "README.md", text })),
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
