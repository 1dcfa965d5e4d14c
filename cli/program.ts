import { Command } from "commander";
import { contractCommand } from "./commands/contract.js";
import { coverageCommand } from "./commands/coverage.js";
import { driftCommand } from "./commands/drift.js";
import { mockCommand } from "./commands/mock.js";
import { prismCommand } from "./commands/prism.js";
import { webhooksCommand } from "./commands/webhooks.js";
import { processIo, type CommandIo } from "./io.js";
import { packageVersion } from "../providers/files.js";
import { providers } from "../providers/registry.js";

const helpAfter = `
Examples:
  $ npx connect-contracts mock                              # ${providers.kombo.title} on :${providers.kombo.defaultPort}, ${providers.kinde.title} on :${providers.kinde.defaultPort}
  $ npx connect-contracts mock --kombo-port 4310 --kinde-port 4311
  $ npx connect-contracts contract --target mock            # the contract suite against our mock, on free ports
  $ npx connect-contracts drift --kombo https://api.kombo.dev/openapi.json   # has Kombo's published spec moved?
  $ npx connect-contracts coverage --from http://127.0.0.1:4010 --min 80   # which declared answers your tests met
  $ npx connect-contracts webhooks --target http://127.0.0.1:3000/webhooks/kombo --secret "$KOMBO_WEBHOOK_SECRET"
  $ npx connect-contracts contract --help                   # every command has its own help

Exit codes: 0 success, 1 the command failed (a failed check, drift, a port in use), 2 bad command line.
Reference: docs/cli.md in the package.`;

/** The `connect-contracts` command: one subcommand per use, each a commander `Command` from the code it runs. */
export function connectContractsProgram(io: CommandIo = processIo): Command {
  return (
    new Command("connect-contracts")
      .description("Local mocks, contract tests and typed clients for Kombo Connect and Kinde Connected Apps, derived from their OpenAPI specs")
      .version(packageVersion())
      .addCommand(mockCommand(io))
      .addCommand(prismCommand(io))
      .addCommand(contractCommand(io))
      .addCommand(driftCommand(io))
      .addCommand(coverageCommand(io))
      .addCommand(webhooksCommand(io))
      .addHelpText("after", helpAfter)
      .showHelpAfterError("(add --help to see the commands)")
  );
}
