import { Command } from "commander";
import { runCommand } from "../run.js";
import { closeOnSignals, listenOptionsOf, withListenOptions, type MockCommandOptions } from "./mock.js";
import { startPrismMocks } from "../../mocks/prism/launcher.js";

/** `npm run mock:prism -- <flags>`: Prism for both providers on the same ports, base paths and flags as `npm run mock`. */

async function runPrism(options: MockCommandOptions): Promise<void> {
  let mocks;
  try {
    mocks = await startPrismMocks({ host: options.host, komboPort: options.komboPort, kindePort: options.kindePort, verbose: !options.quiet });
  } catch (error) {
    process.stderr.write(`could not start Prism: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    [
      `Prism Kombo mock  ${mocks.kombo.baseUrl}`,
      `Prism Kinde mock  ${mocks.kinde.baseUrl}`,
      `Typed clients: createKomboClient({ apiKey: "any", baseUrl: "${mocks.kombo.baseUrl}" }); createKindeClient({ token: "any", baseUrl: "${mocks.kinde.baseUrl}" })`,
      "Prism answers examples and Prefer-selected statuses; it keeps no state (see docs/mock.md). Ctrl-C stops.",
      "",
    ].join("\n"),
  );
  closeOnSignals(mocks);
}

const command = withListenOptions(new Command("npm run mock:prism --").description("Run Prism (the reference mock) for Kombo and Kinde on the ports and base paths of npm run mock"))
  .addHelpText("after", "\nExample:\n  $ npm run mock:prism -- --kombo-port 4310 --kinde-port 4311 --quiet")
  .showHelpAfterError("(add --help to see the options)")
  .action(async (options: Partial<MockCommandOptions>) => runPrism(listenOptionsOf(options)));
await runCommand(command, process.argv.slice(2));
