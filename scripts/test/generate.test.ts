import { execFile } from "node:child_process";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { generateAll, staleFiles } from "../generate/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// openapi-typescript and prettier over both specs, and one `tsx` start: seconds, not vitest's default 5 s.
const generateTimeout = 60_000;

describe("npm run generate", () => {
  test(
    "is deterministic, and generated/ holds exactly what it writes",
    async () => {
      const first = await generateAll();
      const second = await generateAll();
      expect(second).toEqual(first);
      expect(first.map((file) => relative(root, file.path)).sort()).toEqual([
        "generated/kinde/index.ts",
        "generated/kinde/spec.ts",
        "generated/kinde/types.ts",
        "generated/kinde/validators.ts",
        "generated/kombo/index.ts",
        "generated/kombo/spec.ts",
        "generated/kombo/types.ts",
        "generated/kombo/validators.ts",
      ]);
      expect(await staleFiles(first)).toEqual([]);
    },
    generateTimeout,
  );

  test(
    "the freshness check names a file whose content differs from the spec's",
    async () => {
      const files = await generateAll();
      const edited = files.map((file) =>
        file.path.endsWith(join("kombo", "types.ts")) ? { ...file, content: `${file.content}// the spec changed\n` } : file,
      );
      expect(await staleFiles(edited)).toEqual(["generated/kombo/types.ts"]);
    },
    generateTimeout,
  );

  test(
    "`npm run generate:check` passes on the committed tree",
    async () => {
      const { stdout } = await promisify(execFile)(join(root, "node_modules", ".bin", "tsx"), ["scripts/generate/index.ts", "--check"], {
        cwd: root,
      });
      expect(stdout).toContain("generated/ is up to date (8 files).");
    },
    generateTimeout,
  );
});
