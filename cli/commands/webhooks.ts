import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import type { Outcome } from "../exit-codes.js";
import { processIo, type CommandIo } from "../io.js";
import { isEntryPoint, refuse, runCommand, withAction } from "../run.js";
import { webhookProviders } from "./webhook-flags.js";
import { providerDocuments } from "../../providers/documents.js";
import { displayUrl } from "../../openapi/redact.js";
import { environmentVariable, providers, type ProviderId } from "../../providers/registry.js";
import { receiverChecks } from "../../contract-tests/model/receiver-checks.js";

/** `connect-contracts webhooks`: the contract test of the user's webhook receiver. */

interface WebhooksFlags {
  target?: string;
  secret?: string;
  provider: ProviderId;
  reports: string;
}

const secretVariable = (id: ProviderId) => environmentVariable(id, "WEBHOOK_SECRET");

const helpAfter = `
What it sends (and what your receiver must answer):
${Object.entries(receiverChecks)
  .map(([name, meaning]) => `  ${name.padEnd(34)}${meaning}`)
  .join("\n")}

Examples:
  $ connect-contracts webhooks --target http://127.0.0.1:3000/webhooks/kombo --secret "$KOMBO_WEBHOOK_SECRET"
  $ KOMBO_WEBHOOK_SECRET=whsec connect-contracts webhooks --target http://127.0.0.1:3000/webhooks/kombo

Writes <reports>/webhooks-junit.xml. Exit codes: 0 every check passed, 1 a check failed, 2 bad command line.`;

function httpUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === "http:" || url.protocol === "https:") return raw;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError("Not an http:// or https:// URL.");
}

function providerOf(raw: string): ProviderId {
  const id = webhookProviders.find((candidate) => candidate === raw.trim().toLowerCase());
  if (id === undefined) throw new InvalidArgumentError(`Only ${webhookProviders.join(", ")} send webhooks.`);
  return id;
}

export function webhooksCommand(io: CommandIo = processIo): Command {
  const [firstProvider] = webhookProviders;
  const command = new Command("webhooks")
    .description("Check your webhook receiver: signed events accepted, forged or unsigned ones refused, new event types and redeliveries tolerated")
    .option("--target <url>", "your webhook endpoint", httpUrl)
    .addOption(new Option("--secret <secret>", `the webhook secret your receiver checks signatures with (or ${webhookProviders.map(secretVariable).join(", ")}; prefer the variable: a flag shows in ps)`))
    .addOption(new Option("--provider <name>", `whose webhooks: ${webhookProviders.join(", ")}`).default(firstProvider).argParser(providerOf))
    .option("--reports <dir>", "where webhooks-junit.xml goes", "reports")
    .addHelpText("after", helpAfter)
    .showHelpAfterError("(add --help for the options and what is checked)");
  return withAction(command, io, async (flags: WebhooksFlags) => {
    const secret = flags.secret ?? io.env[secretVariable(flags.provider)];
    if (flags.target === undefined) refuse(command, "error: name your receiver with --target <url>");
    if (secret === undefined || secret === "") refuse(command, `error: give --secret (or ${secretVariable(flags.provider)}): the events are signed with it`);
    return runWebhooks(flags.target, secret, flags, io);
  });
}

async function runWebhooks(target: string, secret: string, flags: WebhooksFlags, io: CommandIo): Promise<Outcome> {
  // Imported when the receiver test runs, not when the command line is read: `connect-contracts mock` starts without them.
  const [{ runReceiverTest }, { junitReport }, { receiverConsoleReport }, { exitCode }] = await Promise.all([
    import("../../contract-tests/receiver/run.js"),
    import("../../contract-tests/reports/junit.js"),
    import("../../contract-tests/receiver/report.js"),
    import("../../contract-tests/model/results.js"),
  ]);
  const result = await runReceiverTest({ provider: flags.provider, document: providerDocuments[flags.provider], target, secret });
  await mkdir(flags.reports, { recursive: true });
  const junit = join(flags.reports, "webhooks-junit.xml");
  await writeFile(junit, junitReport(result));
  io.out(`${providers[flags.provider].title} webhooks -> ${displayUrl(target)}\n${receiverConsoleReport(result, target)}\nreport: ${junit}\n`);
  return exitCode(result) === 0 ? "ok" : "failed";
}

if (isEntryPoint(import.meta.url)) await runCommand(webhooksCommand, process.argv.slice(2));
