import { Command } from "commander";
import type { Outcome } from "../exit-codes.js";
import { processIo, type CommandIo } from "../io.js";
import { closeOnSignals, isEntryPoint, runCommand, withAction } from "../run.js";
import { listenOptionsOf, withListenOptions, type ListenOptions } from "./listen-flags.js";
import { providerIds, providers } from "../../providers/registry.js";

/** `connect-contracts prism` (`npm run mock:prism -- <flags>` in a clone): Prism for both providers on the ports, base paths and flags of `mock`. */

async function runPrism(options: ListenOptions, io: CommandIo): Promise<Outcome> {
  let mocks;
  try {
    // Imported when Prism starts, not when the command line is read.
    const { startPrismMocks } = await import("../../mocks/prism/launcher.js");
    mocks = await startPrismMocks({ host: options.host, komboPort: options.komboPort, kindePort: options.kindePort, verbose: !options.quiet });
  } catch (error) {
    io.err(`could not start Prism: ${error instanceof Error ? error.message : String(error)}\n`);
    return "failed";
  }
  io.out(
    [
      ...providerIds.map((id) => `Prism ${providers[id].title} mock  ${mocks[id].baseUrl}`),
      `Typed clients: createKomboClient({ apiKey: "any", baseUrl: "${mocks.kombo.baseUrl}" }); createKindeClient({ token: "any", baseUrl: "${mocks.kinde.baseUrl}" })`,
      "Prism answers examples and Prefer-selected statuses; it keeps no state (see docs/mock.md). Ctrl-C stops.",
      "",
    ].join("\n"),
  );
  closeOnSignals(mocks);
  return "ok";
}

export function prismCommand(io: CommandIo = processIo): Command {
  const providerTitles = providerIds.map((id) => providers[id].title).join(" and ");
  const command = withListenOptions(new Command("prism").description(`Run Prism (the reference mock) for ${providerTitles} on the ports and base paths of the mock command`))
    .addHelpText("after", "\nNeeds Prism beside connect-contracts: npm i -D @stoplight/prism-cli@5\n\nExample:\n  $ npx connect-contracts prism --kombo-port 4310 --kinde-port 4311 --quiet")
    .showHelpAfterError("(add --help to see the options)");
  return withAction(command, io, (options: Partial<ListenOptions>) => runPrism(listenOptionsOf(options, io.env), io));
}

if (isEntryPoint(import.meta.url)) await runCommand((io) => prismCommand(io).name("npm run mock:prism --"), process.argv.slice(2));
