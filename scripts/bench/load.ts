import autocannon from "autocannon";
import { percentile } from "./stats.js";
import type { ScenarioRequest } from "./scenarios.js";

export interface LoadSettings {
  baseUrl: string;
  request: ScenarioRequest;
  connections: number;
  durationSeconds: number;
}

/** One stretch of load; several stretches of the same engine and scenario merge into one figure. */
export interface LoadSample {
  /** Response time of every 2xx answer, in ms. */
  latenciesMs: Float64Array;
  durationSeconds: number;
  responses: number;
  /** Answers other than 2xx; a run with any is not a fair measurement of the success path. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** CPU seconds the server's processes used during the stretch, when known. */
  serverCpuSeconds?: number;
}

export interface LoadSummary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  responses: number;
  non2xx: number;
  errors: number;
  /** Server CPU time per answer, in µs; NaN when not known. */
  serverCpuMicroseconds: number;
}

/**
 * Drives `connections` keep-alive connections against one URL for a fixed time. autocannon's own
 * latency histogram counts whole milliseconds, too coarse here, so each answer's time is kept exactly.
 */
export function runLoad(settings: LoadSettings): Promise<LoadSample> {
  return new Promise((resolve, reject) => {
    let latencies = new Float64Array(65_536);
    let count = 0;
    const instance = autocannon(
      {
        url: `${settings.baseUrl}${settings.request.path}`,
        method: settings.request.method as autocannon.Request["method"],
        headers: settings.request.headers,
        body: settings.request.body,
        connections: settings.connections,
        pipelining: 1,
        duration: settings.durationSeconds,
        timeout: 10,
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        resolve({
          latenciesMs: latencies.slice(0, count),
          durationSeconds: result.duration,
          responses: result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"],
          non2xx: result.non2xx,
          errors: result.errors,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) return;
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count] = responseTime;
      count += 1;
    });
  });
}

/** Merges stretches: successful answers over total time, percentiles over every answer. */
export function summarise(samples: readonly LoadSample[]): LoadSummary {
  const total = samples.reduce((sum, sample) => sum + sample.latenciesMs.length, 0);
  const all = new Float64Array(total);
  let offset = 0;
  for (const sample of samples) {
    all.set(sample.latenciesMs, offset);
    offset += sample.latenciesMs.length;
  }
  all.sort();
  const seconds = samples.reduce((sum, sample) => sum + sample.durationSeconds, 0);
  return {
    requestsPerSecond: seconds > 0 ? total / seconds : 0,
    p50Ms: percentile(all, 0.5),
    p99Ms: percentile(all, 0.99),
    responses: samples.reduce((sum, sample) => sum + sample.responses, 0),
    non2xx: samples.reduce((sum, sample) => sum + sample.non2xx, 0),
    errors: samples.reduce((sum, sample) => sum + sample.errors, 0),
    serverCpuMicroseconds: samples.every((sample) => sample.serverCpuSeconds !== undefined)
      ? (samples.reduce((sum, sample) => sum + (sample.serverCpuSeconds ?? 0), 0) * 1e6) /
        Math.max(1, samples.reduce((sum, sample) => sum + sample.responses, 0))
      : Number.NaN,
  };
}
