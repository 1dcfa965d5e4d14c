import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * docs/msw.md's vitest example (the `ts` block marked `<!-- check: msw-vitest -->`) runs here as written: its
 * `connect-contracts/...` imports point at this repository's sources (the files package.json's exports are
 * compiled from), everything else is unchanged, and its `it(...)` become this file's tests.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const page = await readFile(join(repoRoot, "docs", "msw.md"), "utf8");
const block = /<!-- check: msw-vitest -->\n```ts\n([\s\S]*?)```/.exec(page)?.[1];
if (block === undefined) throw new Error("docs/msw.md has no `<!-- check: msw-vitest -->` ts block");

const manifest = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { exports: Record<string, { import?: string }> };
// Under the repository, so `vitest` and the other bare imports resolve as in an app; /reports/ is not committed.
const directory = join(repoRoot, "reports", "docs-examples");
await mkdir(directory, { recursive: true });
const source = block.replace(/from "connect-contracts(\/[^"]+)"/g, (whole, subpath: string) => {
  const compiled = manifest.exports[`.${subpath}`]?.import;
  if (compiled === undefined) throw new Error(`docs/msw.md imports connect-contracts${subpath}, which package.json does not export`);
  const sourceFile = join(repoRoot, compiled.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts"));
  return `from "${relative(directory, sourceFile).replace(/\.ts$/, ".js")}"`;
});
const file = join(directory, `msw-vitest-${process.pid}.ts`);
await writeFile(file, source);
await import(pathToFileURL(file).href);
