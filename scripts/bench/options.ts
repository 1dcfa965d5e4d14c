/** Command-line options of `npm run bench`. Parsing is pure so the harness test can check it. */
export interface BenchOptions {
  /** Seconds of measured load per engine, scenario and connection count. */
  durationSeconds: number;
  /** Seconds of unmeasured load before each measurement. */
  warmupSeconds: number;
  /** Connection counts to measure at; the targets are read at the largest. */
  connections: number[];
  /** Each figure is taken in this many stretches, alternating between engines. */
  rounds: number;
  /** Cold starts per engine; the median is reported. */
  coldStartRuns: number;
  /** Iterations of the in-process measurement (engine alone, msw adapter). */
  inProcessIterations: number;
  /** Requests of the stateful flow for the memory figure (RSS at a tenth of them and at all); 0 skips it. */
  memoryRequests: number;
  /** Cold starts of the msw worker in Chromium; 0 skips the browser's timing (the bundle is still measured). */
  browserStarts: number;
  /** Contract-suite targets to time; empty skips that part. */
  contractTargets: string[];
  /** Engines to run, by id; empty means every one installed. */
  engines: string[];
  /** Scenarios to load, by id; empty means all. */
  scenarios: string[];
  /** A git ref whose `npm run mock` runs beside ours (`--baseline main`): before and after, side by side. */
  baseline: string | undefined;
  /** Where bench.json goes. */
  outputDirectory: string;
  quick: boolean;
  help: boolean;
}

export const defaultOptions: BenchOptions = {
  durationSeconds: 4,
  warmupSeconds: 1,
  connections: [1, 20],
  rounds: 2,
  coldStartRuns: 3,
  inProcessIterations: 20_000,
  memoryRequests: 1_000_000,
  browserStarts: 3,
  contractTargets: ["msw", "mock", "prism"],
  engines: [],
  scenarios: [],
  baseline: undefined,
  outputDirectory: "reports",
  quick: false,
  help: false,
};

/** What `--quick` changes: a few seconds per engine, for a smoke run. */
const quickOverrides: Partial<BenchOptions> = {
  durationSeconds: 1,
  warmupSeconds: 0.5,
  rounds: 1,
  coldStartRuns: 1,
  inProcessIterations: 3_000,
  memoryRequests: 0,
  browserStarts: 1,
  contractTargets: [],
};

export const usage = `Usage: npm run bench -- [options]

  --quick                 short run: about 1 s per measurement, one cold start, no memory run, no contract suite
  --duration <seconds>    measured load per engine, scenario and connection count (default ${defaultOptions.durationSeconds})
  --warmup <seconds>      unmeasured load before each measurement (default ${defaultOptions.warmupSeconds})
  --connections <list>    comma-separated connection counts (default ${defaultOptions.connections.join(",")})
  --rounds <n>            stretches per figure, alternating between engines (default ${defaultOptions.rounds})
  --cold-starts <n>       cold starts per engine, median reported (default ${defaultOptions.coldStartRuns})
  --iterations <n>        in-process iterations (default ${defaultOptions.inProcessIterations})
  --memory                the memory run (1,000,000 requests of the stateful flow) in a --quick run too
  --memory-requests <n>   requests of the memory run, 0 for none (default ${defaultOptions.memoryRequests})
  --browser-starts <n>    msw worker starts timed in Chromium, 0 for none (default ${defaultOptions.browserStarts})
  --contract <list>       contract-suite targets to time, or "none" (default ${defaultOptions.contractTargets.join(",")})
  --engines <list>        engines to run (default: all): ours, ours-quiet (log off), prism, prism-silent
                          (-v silent), mockoon and scalar (when installed), floor
  --scenarios <list>      scenarios to load (default: all): create-link, integration-by-token, auth-url
  --baseline <git-ref>    also run npm run mock as it is at that ref (e.g. main), side by side with ours
  --out <directory>       where bench.json is written (default ${defaultOptions.outputDirectory})
  --help                  this text`;

export class BenchOptionError extends Error {
  override name = "BenchOptionError";
}

function positiveNumber(flag: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new BenchOptionError(`${flag} needs a positive number, got ${raw === undefined ? "nothing" : JSON.stringify(raw)}`);
  }
  return value;
}

function positiveInteger(flag: string, raw: string | undefined): number {
  const value = positiveNumber(flag, raw);
  if (!Number.isInteger(value)) throw new BenchOptionError(`${flag} needs a whole number, got ${JSON.stringify(raw)}`);
  return value;
}

function wholeOrZero(flag: string, raw: string | undefined): number {
  return raw?.trim() === "0" ? 0 : positiveInteger(flag, raw);
}

function list(flag: string, raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") throw new BenchOptionError(`${flag} needs a comma-separated list`);
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const options: BenchOptions = { ...defaultOptions, ...(quick ? quickOverrides : {}), quick };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? "";
    const [flag = "", inlineValue] = argument.startsWith("--") && argument.includes("=") ? argument.split(/=(.*)/s) : [argument];
    const takeValue = (): string | undefined => {
      if (inlineValue !== undefined) return inlineValue;
      index += 1;
      return argv[index];
    };
    switch (flag) {
      case "--quick":
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--duration":
        options.durationSeconds = positiveNumber(flag, takeValue());
        break;
      case "--warmup":
        options.warmupSeconds = positiveNumber(flag, takeValue());
        break;
      case "--connections":
        options.connections = list(flag, takeValue()).map((item) => positiveInteger(flag, item));
        break;
      case "--rounds":
        options.rounds = positiveInteger(flag, takeValue());
        break;
      case "--cold-starts":
        options.coldStartRuns = positiveInteger(flag, takeValue());
        break;
      case "--iterations":
        options.inProcessIterations = positiveInteger(flag, takeValue());
        break;
      case "--memory":
        options.memoryRequests = defaultOptions.memoryRequests;
        break;
      case "--memory-requests":
        options.memoryRequests = wholeOrZero(flag, takeValue());
        break;
      case "--browser-starts":
        options.browserStarts = wholeOrZero(flag, takeValue());
        break;
      case "--contract": {
        const targets = list(flag, takeValue());
        options.contractTargets = targets.length === 1 && targets[0] === "none" ? [] : targets;
        break;
      }
      case "--engines":
        options.engines = list(flag, takeValue());
        break;
      case "--scenarios":
        options.scenarios = list(flag, takeValue());
        break;
      case "--baseline":
        options.baseline = takeValue() ?? "";
        if (options.baseline === "") throw new BenchOptionError("--baseline needs a git ref");
        break;
      case "--out":
        options.outputDirectory = takeValue() ?? "";
        if (options.outputDirectory === "") throw new BenchOptionError("--out needs a directory");
        break;
      default:
        throw new BenchOptionError(`unknown option ${JSON.stringify(argument)}\n\n${usage}`);
    }
  }
  return options;
}
