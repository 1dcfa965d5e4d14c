import autocannon from "autocannon";
import { percentile } from "./stats.js";
import type { ScenarioRequest } from "./scenarios.js";

export interface LoadSettings {
  baseUrl: string;
  request: ScenarioRequest;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  responses: number;
  /** Answers other than 2xx; a run with any is not a fair measurement of the success path. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

/**
 * Drives `connections` keep-alive connections against one URL for a fixed time. autocannon's own
 * latency histogram counts whole milliseconds, too coarse here, so each answer's time is kept exactly.
 */
export function runLoad(settings: LoadSettings): Promise<LoadResult> {
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
        const measured = latencies.subarray(0, count).sort();
        resolve({
          requestsPerSecond: result["2xx"] / result.duration,
          p50Ms: percentile(measured, 0.5),
          p99Ms: percentile(measured, 0.99),
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
