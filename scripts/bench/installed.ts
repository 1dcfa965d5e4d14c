import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "./paths.js";

const run = promisify(execFile);

/**
 * The package as a user installs it: `npm pack` (which builds `dist/`), the tarball unpacked into
 * `<temp>/node_modules/connect-contracts` with its `bin` linked and made executable, as npm does. Its
 * dependencies are linked from this checkout's node_modules (npm's flat layout), so no registry is asked
 * and the versions are the ones tested. Returns the directory to run `npx connect-contracts` in.
 */
export async function installPackedPackage(): Promise<string> {
  const directory = join(tmpdir(), `connect-contracts-bench-${process.pid}`);
  rmSync(directory, { recursive: true, force: true });
  const modules = join(directory, "node_modules");
  mkdirSync(join(modules, ".bin"), { recursive: true });
  const { stdout } = await run("npm", ["pack", "--silent", "--pack-destination", directory], { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 });
  const tarball = join(directory, stdout.trim().split("\n").at(-1) ?? "");
  if (!existsSync(tarball)) throw new Error(`npm pack wrote no tarball (${stdout.trim().slice(-200)})`);
  await run("tar", ["xzf", tarball, "-C", directory]);
  const installed = join(modules, "connect-contracts");
  renameSync(join(directory, "package"), installed);
  for (const entry of readdirSync(join(projectRoot, "node_modules"))) {
    if (entry === ".bin" || entry === ".cache" || entry === "connect-contracts") continue;
    symlinkSync(join(projectRoot, "node_modules", entry), join(modules, entry));
  }
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { bin: Record<string, string> };
  for (const [name, file] of Object.entries(manifest.bin)) {
    chmodSync(join(installed, file), 0o755);
    symlinkSync(join("..", "connect-contracts", file), join(modules, ".bin", name));
  }
  writeFileSync(join(directory, "package.json"), `${JSON.stringify({ name: "bench-consumer", private: true, dependencies: { "connect-contracts": "*" } })}\n`);
  return directory;
}

export function removeInstalledPackage(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}
