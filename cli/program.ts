import { Command } from "commander";
import { mockCommand } from "../mocks/node/cli.js";
import { packageVersion } from "./package-version.js";

const helpAfter = `
Examples:
  $ npx connect-contracts mock                              # Kombo on :4010, Kinde on :4011
  $ npx connect-contracts mock --kombo-port 4310 --kinde-port 4311
  $ npx connect-contracts mock --help                       # every command has its own help

Exit codes: 0 success, 1 the command failed (a failed check, a port in use), 2 bad command line.
Reference: docs/cli.md in the package.`;

/** The `connect-contracts` command: one subcommand per use, each a commander `Command` from the code it runs. */
export function connectContractsProgram(): Command {
  return (
    new Command("connect-contracts")
      .description("Local mocks, contract tests and typed clients for Kombo Connect and Kinde Connected Apps, derived from their OpenAPI specs")
      .version(packageVersion())
      .addCommand(mockCommand())
      // drift: .addCommand(driftCommand()) from contract-tests/drift/ (mounted at merge time)
      .addHelpText("after", helpAfter)
  );
}
