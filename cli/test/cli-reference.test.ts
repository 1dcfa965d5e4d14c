import { CommanderError, type Command } from "commander";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { connectContractsProgram } from "../program.js";

/** docs/cli.md against the commander program: every command and option it names exists, and every one that exists is named. */

const pagePath = new URL("../../docs/cli.md", import.meta.url);
const page = readFileSync(pagePath, "utf8");
const program = connectContractsProgram();

interface Section {
  heading: string;
  body: string;
  /** The command a "## `connect-contracts <name>`" section documents; undefined for other sections. */
  command?: Command;
  commandName?: string;
}

function sectionsOf(markdown: string): Section[] {
  return markdown.split(/^## /m).map((chunk, index): Section => {
    const heading = index === 0 ? "" : (chunk.split("\n")[0] ?? "");
    const named = /^`connect-contracts(?: ([a-z][a-z-]*))?`$/.exec(heading.trim());
    if (!named) return { heading, body: chunk };
    const commandName = named[1];
    const command = commandName === undefined ? program : program.commands.find((candidate) => candidate.name() === commandName);
    return { heading, body: chunk, command, commandName: commandName ?? "connect-contracts" };
  });
}

const sections = sectionsOf(page);
const commandSections = sections.filter((section) => section.commandName !== undefined);
const subcommands = program.commands.filter((command) => command.name() !== "help");

/** `--long` flags anywhere in the text, and `-x` short flags written as inline code. */
function flagsNamedIn(text: string): Set<string> {
  const long = [...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((match) => match[0]);
  const short = [...text.matchAll(/`(-[A-Za-z])`/g)].map((match) => match[1] as string);
  return new Set([...long, ...short]);
}

/** The subcommand a command line runs: `connect-contracts mock ...`, `npm run contract -- ...`. */
const commandLine = /(?:connect-contracts(?: ([a-z][a-z-]*))?|npm run (mock|contract) --)/g;

/**
 * Splits a section into what its own command owns and the command lines it shows: a flag after
 * `connect-contracts <name>` (or `npm run <name> --`) on the same line belongs to that command, wherever it is.
 */
function attributionsOf(section: Section): { own: string; lines: { commandName: string; text: string }[] } {
  let own = "";
  const lines: { commandName: string; text: string }[] = [];
  for (const line of section.body.split("\n")) {
    const starts = [...line.matchAll(commandLine)];
    own += `${line.slice(0, starts[0]?.index ?? line.length)}\n`;
    starts.forEach((start, index) => {
      const named = start[1] ?? start[2];
      const isSubcommand = named !== undefined && subcommands.some((command) => command.name() === named);
      lines.push({ commandName: isSubcommand ? named : "connect-contracts", text: line.slice(start.index, starts[index + 1]?.index ?? line.length) });
    });
  }
  return { own, lines };
}

function commandNamed(name: string): Command {
  return name === "connect-contracts" ? program : (subcommands.find((command) => command.name() === name) as Command);
}

/** Flags the page shows being refused (`error: unknown option '--port'`): documented as not existing. */
const documentedRefusals = new Set([...page.matchAll(/error: unknown option '(--[a-z0-9-]+)'/g)].map((match) => match[1] as string));

/** Every flag a command takes: its options, and commander's `-h, --help`. */
function flagsOf(command: Command): Set<string> {
  const flags = command.options.flatMap((option) => [option.long, option.short]).filter((flag): flag is string => flag !== undefined);
  return new Set([...flags, "--help", "-h"]);
}

function refusalOf(args: string[]): CommanderError | undefined {
  const refusing = connectContractsProgram();
  const silence = (command: Command): void => {
    command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    command.commands.forEach(silence);
  };
  silence(refusing);
  try {
    refusing.parse(args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error;
    throw error;
  }
  return undefined;
}

describe("docs/cli.md, the CLI reference", () => {
  it("has a section for the program and for each of its commands, and no section for a command that does not exist", () => {
    for (const section of commandSections) {
      expect(section.command, `docs/cli.md has a section "## ${section.heading}", but connect-contracts has no such command`).toBeDefined();
    }
    const documented = commandSections.map((section) => section.commandName);
    expect(documented).toContain("connect-contracts");
    for (const command of subcommands) {
      expect(documented, `connect-contracts ${command.name()} exists but docs/cli.md has no "## \`connect-contracts ${command.name()}\`" section`).toContain(command.name());
    }
  });

  it.each(commandSections.map((section) => [section.commandName as string, section] as const))(
    "names, in the `%s` section, only options that command takes",
    (name, section) => {
      const taken = flagsOf(section.command as Command);
      const unknown = [...flagsNamedIn(attributionsOf(section).own)].filter((flag) => !taken.has(flag) && !documentedRefusals.has(flag));
      expect(unknown, `the "${name}" section of docs/cli.md names options ${name} does not take`).toEqual([]);
    },
  );

  it("shows command lines with only options their command takes", () => {
    const lines = sections.flatMap((section) => attributionsOf(section).lines);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const taken = flagsOf(commandNamed(line.commandName));
      const unknown = [...flagsNamedIn(line.text)].filter((flag) => !taken.has(flag) && !documentedRefusals.has(flag));
      expect(unknown, `docs/cli.md shows \`${line.text.trim()}\`, with options ${line.commandName} does not take`).toEqual([]);
    }
  });

  it("names, outside the command sections, only options some command takes (or shows being refused)", () => {
    const anyCommand = new Set([program, ...subcommands].flatMap((command) => [...flagsOf(command)]));
    const elsewhere = sections
      .filter((section) => section.commandName === undefined)
      .map((section) => attributionsOf(section).own)
      .join("\n");
    const unknown = [...flagsNamedIn(elsewhere)].filter((flag) => !anyCommand.has(flag) && !documentedRefusals.has(flag));
    expect(unknown, "docs/cli.md names options no command takes").toEqual([]);
  });

  it.each(commandSections.map((section) => [section.commandName as string, section] as const))(
    "documents every option of `%s` and the environment variable behind it",
    (name, section) => {
      const command = section.command as Command;
      const named = flagsNamedIn(section.body);
      for (const option of command.options) {
        expect(named.has(option.long as string), `${name} takes ${option.flags} but its section of docs/cli.md does not name ${option.long}`).toBe(true);
        if (option.envVar) expect(section.body, `${name} ${option.long} reads ${option.envVar}; its section of docs/cli.md does not say so`).toContain(option.envVar);
      }
    },
  );

  it("shows as refused only flags that are refused", () => {
    expect(documentedRefusals.size).toBeGreaterThan(0);
    for (const flag of documentedRefusals) {
      expect(refusalOf(["mock", flag])?.code, `docs/cli.md shows ${flag} refused, but mock accepts it`).toBe("commander.unknownOption");
    }
  });
});
