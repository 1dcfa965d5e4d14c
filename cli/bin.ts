#!/usr/bin/env node
import { connectContractsProgram } from "./program.js";
import { runCommand } from "./run.js";

await runCommand(connectContractsProgram, process.argv.slice(2));
