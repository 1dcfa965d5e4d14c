import { pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { usageExitCode } from "../run.js";
import { DepartureFormatError } from "../../openapi/marks.js";
import { DocumentError } from "../../drift/document.js";
import { runDrift } from "../../drift/drift.js";
import { formatJson, formatReport } from "../../drift/report.js";

/** Where the command writes, and how it ends; tests pass their own. */
export interface DriftIo {
  out(text: string): void;
  err(text: string): void;
  /** Sets the exit code of a finished run (the process then ends by itself, its output flushed). */
  setExitCode(code: number): void;
  /** Ends a usage error or `--help` at once; must not return. */
  exit(code: number): never;
}

export const processIo: DriftIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  exit: (code) => process.exit(code),
};

const examples = `
Examples:
  npm run drift -- --kombo https://api.kombo.dev/openapi.json
  npm run drift -- --kinde https://api-spec.kinde.com/kinde-management-api-spec.yaml --json
  npm run drift -- --kombo ../shared/reference/kombo-connect.upstream.json --kinde ../shared/reference/kinde-connected-apps.upstream.yaml

Exit codes:
  0  nothing changed, or only cosmetics (descriptions, examples)
  1  drift: our spec is behind the provider, or promises what the provider no longer does
  2  usage error, or a document that cannot be read or is not OpenAPI 3.0/3.1
`;

interface DriftOptions {
  kombo?: string;
  kinde?: string;
  json?: boolean;
}

/** `drift`: holds our specs against the providers' published OpenAPI documents (mounted as `connect-contracts drift`). */
export function driftCommand(io: DriftIo = processIo): Command {
  const command = new Command("drift")
    .description("Compare our specs with the providers' published OpenAPI documents (JSON or YAML, 3.0 or 3.1; a file or a URL).")
    .option("--kombo <file|url>", "Kombo's published document, e.g. https://api.kombo.dev/openapi.json")
    .option("--kinde <file|url>", "Kinde's published Management API document")
    .option("--json", "print the report as JSON (shape in docs/drift.md)")
    .addHelpText("after", examples)
    .showHelpAfterError("(drift --help shows the options, examples and exit codes)")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride((error: CommanderError) => io.exit(error.exitCode === 0 ? 0 : usageExitCode))
    .action(async (options: DriftOptions) => {
      if (options.kombo === undefined && options.kinde === undefined) {
        command.error("error: give --kombo <file|url>, --kinde <file|url>, or both", { exitCode: usageExitCode });
      }
      try {
        const report = await runDrift({ kombo: options.kombo, kinde: options.kinde });
        io.out(`${options.json ? formatJson(report) : formatReport(report)}\n`);
        io.setExitCode(report.exitCode);
      } catch (error) {
        const known = error instanceof DocumentError || error instanceof DepartureFormatError;
        const message = error instanceof Error ? error.message : String(error);
        io.err(`drift: ${known ? message : `unexpected failure (please report it): ${message}`}\n`);
        io.setExitCode(2);
      }
    });
  return command;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await driftCommand().parseAsync(process.argv.slice(2), { from: "user" });
}
