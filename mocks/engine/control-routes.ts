import type { AnswerCoverage } from "./answer-coverage.js";
import type { MockError, PageAnswer } from "./definition.js";
import type { RequestJournal } from "./journal.js";
import type { MockRequest } from "./messages.js";
import { OverrideRefused, type OverrideTable } from "./overrides.js";
import type { WebhookOutbox } from "./webhook-outbox.js";

/**
 * The mock's own routes under `/__mock/` at the server root (not in the spec, never journaled), one row per
 * method and path:
 *
 *     POST   /__mock/reset      forget links, tokens, sessions; clear the overrides
 *     GET    /__mock/requests   the journal (`?operationId=…&status=…` filter it); DELETE empties it
 *     GET    /__mock/overrides  the overrides in force; POST adds one (201), DELETE clears them
 *     GET    /__mock/coverage   the declared answers the app's requests got; DELETE starts the count again
 *     GET    /__mock/webhooks   the webhook events raised and their deliveries (when the spec declares webhooks);
 *                               DELETE forgets them
 */

export interface ControlRouteSettings {
  resetState(): void;
  journal: RequestJournal;
  overrides: OverrideTable;
  coverage: AnswerCoverage;
  outbox: WebhookOutbox;
}

type ControlAnswer = PageAnswer | { error: MockError };

export interface ControlRoute {
  method: string;
  path: string;
  handle(request: MockRequest, url: URL): ControlAnswer;
}

function refused(message: string): ControlAnswer {
  return { error: { kind: "invalidRequest", message } };
}

/** `?operationId=…&status=…`, or the reason the status cannot be read. */
function journalFilter(url: URL): { operationId?: string; status?: number } | { problem: string } {
  const operationId = url.searchParams.get("operationId") ?? undefined;
  const statusText = url.searchParams.get("status");
  if (statusText === null) return { operationId };
  if (!/^\d{3}$/.test(statusText)) return { problem: `status=${statusText} is not an HTTP status: use e.g. ?status=429` };
  return { operationId, status: Number(statusText) };
}

function jsonBody(request: MockRequest): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(request.body ?? "") };
  } catch {
    return { problem: 'the body is not JSON: send {"operationId": "...", "status": 429} with content-type application/json' };
  }
}

export function controlRoutes(settings: ControlRouteSettings): ControlRoute[] {
  const { journal, overrides, coverage, outbox } = settings;
  const webhooks: ControlRoute[] = !outbox.declared
    ? []
    : [
        { method: "GET", path: "/__mock/webhooks", handle: () => ({ status: 200, body: { webhooks: outbox.list() } }) },
        {
          method: "DELETE",
          path: "/__mock/webhooks",
          handle: () => {
            outbox.clear();
            return { status: 200, body: { webhooks: [] } };
          },
        },
      ];
  return [
    {
      method: "POST",
      path: "/__mock/reset",
      handle: () => {
        settings.resetState();
        overrides.clear();
        return { status: 200, body: { reset: true } };
      },
    },
    {
      method: "GET",
      path: "/__mock/requests",
      handle: (_request, url) => {
        const filter = journalFilter(url);
        return "problem" in filter ? refused(filter.problem) : { status: 200, body: { requests: journal.list(filter) } };
      },
    },
    {
      method: "DELETE",
      path: "/__mock/requests",
      handle: () => {
        journal.clear();
        return { status: 200, body: { requests: [] } };
      },
    },
    { method: "GET", path: "/__mock/overrides", handle: () => ({ status: 200, body: { overrides: overrides.list() } }) },
    {
      method: "POST",
      path: "/__mock/overrides",
      handle: (request) => {
        const body = jsonBody(request);
        if ("problem" in body) return refused(body.problem);
        try {
          return { status: 201, body: { override: overrides.add(body.value) } };
        } catch (error) {
          if (error instanceof OverrideRefused) return refused(error.message);
          throw error;
        }
      },
    },
    {
      method: "DELETE",
      path: "/__mock/overrides",
      handle: () => {
        overrides.clear();
        return { status: 200, body: { overrides: [] } };
      },
    },
    { method: "GET", path: "/__mock/coverage", handle: () => ({ status: 200, body: coverage.report() }) },
    {
      method: "DELETE",
      path: "/__mock/coverage",
      handle: () => {
        coverage.clear();
        return { status: 200, body: coverage.report() };
      },
    },
    ...webhooks,
  ];
}
