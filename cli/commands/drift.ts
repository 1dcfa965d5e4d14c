import { Command } from "commander";
import type { Outcome } from "../exit-codes.js";
import { processIo, type CommandIo } from "../io.js";
import { isEntryPoint, refuse, runCommand, withAction } from "../run.js";
import { providerIds, providers } from "../../providers/registry.js";

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
export function driftCommand(io: CommandIo = processIo): Command {
  const command = new Command("drift")
    .description("Compare our specs with the providers' published OpenAPI documents (JSON or YAML, 3.0 or 3.1; a file or a URL).")
    .option("--kombo <file|url>", `${providers.kombo.title}'s published document, e.g. https://api.kombo.dev/openapi.json`)
    .option("--kinde <file|url>", `${providers.kinde.title}'s published Management API document`)
    .option("--json", "print the report as JSON (shape in docs/drift.md)")
    .addHelpText("after", examples)
    .showHelpAfterError("(drift --help shows the options, examples and exit codes)");
  return withAction(command, io, async (options: DriftOptions): Promise<Outcome> => {
    if (options.kombo === undefined && options.kinde === undefined) {
      refuse(command, `error: give ${providerIds.map((id) => `--${id} <file|url>`).join(", ")}, or both`);
    }
    // Imported when drift runs, not when the command line is read: `connect-contracts mock` starts without them.
    const [{ DepartureFormatError }, { DocumentError }, { runDrift }, { formatJson, formatReport }] = await Promise.all([
      import("../../openapi/marks.js"),
      import("../../drift/document.js"),
      import("../../drift/drift.js"),
      import("../../drift/report.js"),
    ]);
    try {
      const report = await runDrift({ kombo: options.kombo, kinde: options.kinde });
      io.out(`${options.json ? formatJson(report) : formatReport(report)}\n`);
      return report.exitCode === 0 ? "ok" : "failed";
    } catch (error) {
      const known = error instanceof DocumentError || error instanceof DepartureFormatError;
      const message = error instanceof Error ? error.message : String(error);
      io.err(`drift: ${known ? message : `unexpected failure (please report it): ${message}`}\n`);
      // A document that cannot be read is an argument that names nothing usable: a bad command line.
      return "usage";
    }
  });
}

if (isEntryPoint(import.meta.url)) await runCommand(driftCommand, process.argv.slice(2));
