import { escapeHtml, jsonForScript, prefersJson, renderPage } from "../pages/html.js";
import type { HandlerContext, MockError, PageAnswer, PageRoute } from "../engine/definition.js";
import { pageBodyField } from "../pages/form-field.js";

/**
 * Kinde's consent step for a connected app, as the mock serves it at the `url` of auth_url: a page with
 * Allow and Deny. Allow marks the session consented and redirects to `override_callback_url` with
 * `session_id`; Deny redirects with `error=access_denied` and leaves the session unusable.
 * `GET <url>` with `Accept: application/json` allows at once and answers JSON (no browser needed).
 */

export const kindeConsentPagePath = "/__mock/consent";

type ConsentStatus = "pending" | "consented" | "denied" | "revoked";
type ConsentDecision = "allow" | "deny";

export interface ConsentSession {
  keyCodeRef: string;
  userId: string | undefined;
  orgCode: string | undefined;
  callbackUrl: string | undefined;
  status: ConsentStatus;
}

export interface ConsentState {
  sessions: Map<string, ConsentSession>;
}

/** What `Accept: application/json` callers get back. */
interface ConsentAnswer {
  session_id: string;
  consent: "allowed" | "denied";
  /** Where a browser is sent next: the callback with `session_id` (and `error=access_denied` on Deny); null without one. */
  redirect_url: string | null;
}

const outcome: Record<ConsentDecision, { status: ConsentStatus; word: ConsentAnswer["consent"] }> = {
  allow: { status: "consented", word: "allowed" },
  deny: { status: "denied", word: "denied" },
};

/** An http(s) URL the consent page may redirect to, else undefined. */
function redirectTarget(callbackUrl: string | undefined, sessionId: string, decision: ConsentDecision): string | undefined {
  if (callbackUrl === undefined) return undefined;
  try {
    const target = new URL(callbackUrl);
    if (target.protocol !== "http:" && target.protocol !== "https:") return undefined;
    if (decision === "deny") {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "The user denied consent to the connected app.");
    }
    target.searchParams.set("session_id", sessionId);
    return target.href;
  } catch {
    return undefined;
  }
}

function sessionError(message: string): { error: MockError } {
  return { error: { kind: "invalidSession", message } };
}

function errorPage(status: number, heading: string): PageAnswer {
  return {
    status,
    body: renderPage({
      title: "Consent unavailable - Kinde (mock)",
      main: `<h1>${escapeHtml(heading)}</h1><p>Ask for a new URL with <code>GET /api/v1/connected_apps/auth_url</code>.</p>`,
    }),
  };
}

/** Why a session cannot take `decision`, or undefined when it can (deciding the same twice is allowed). */
function refusal(session: ConsentSession | undefined, decision: ConsentDecision | undefined): string | undefined {
  if (session === undefined) return "This consent session is unknown (the mock was reset, or the link is wrong).";
  if (session.status === "revoked") return "This consent session was revoked.";
  if (session.status === "pending" || decision === undefined) return undefined;
  if (outcome[decision].status === session.status) return undefined;
  return `This consent session was already ${session.status === "consented" ? "allowed" : "denied"}.`;
}

function choicePage(context: HandlerContext<ConsentState>, sessionId: string, session: ConsentSession): PageAnswer {
  const action = `${context.origin}${kindeConsentPagePath}?session_id=${encodeURIComponent(sessionId)}`;
  const details = [
    `<dt>Connected app</dt><dd>${escapeHtml(session.keyCodeRef)}</dd>`,
    session.userId === undefined ? "" : `<dt>User</dt><dd>${escapeHtml(session.userId)}</dd>`,
    session.orgCode === undefined ? "" : `<dt>Organization</dt><dd>${escapeHtml(session.orgCode)}</dd>`,
  ].join("");
  const main = `<h1>Connect ${escapeHtml(session.keyCodeRef)}?</h1>
<p class="note">A local stand-in for Kinde's consent screen. Nothing leaves this machine.</p>
<dl>${details}</dl>
<form id="consent" method="post" action="${escapeHtml(action)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>
<p id="status" role="status" aria-live="polite"></p>`;
  // Posts with fetch rather than navigating: in a browser mocked by msw, the service worker answers
  // fetches but never navigations. Without script the form posts natively and gets a 303.
  const script = `
const action = ${jsonForScript(action)};
document.getElementById("consent").addEventListener("submit", async (event) => {
  event.preventDefault();
  const decision = event.submitter ? event.submitter.value : "allow";
  const status = document.getElementById("status");
  for (const button of document.querySelectorAll("button")) button.disabled = true;
  try {
    const response = await fetch(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: "decision=" + encodeURIComponent(decision),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer && answer.errors ? answer.errors[0].message : "HTTP " + response.status);
    document.body.dataset.consent = answer.consent;
    if (answer.redirect_url) {
      location.href = answer.redirect_url;
      return;
    }
    status.textContent = answer.consent === "allowed"
      ? "Consent granted. Your app can now fetch a token for this session. You can close this window."
      : "Consent denied. The session cannot be used. You can close this window.";
  } catch (error) {
    for (const button of document.querySelectorAll("button")) button.disabled = false;
    status.textContent = "Could not record your choice: " + error.message;
  }
});`;
  return { status: 200, body: renderPage({ title: `Connect ${session.keyCodeRef} - Kinde (mock)`, main, script }) };
}

function decidedPage(answer: ConsentAnswer, session: ConsentSession): PageAnswer {
  if (answer.redirect_url !== null) {
    return { status: 303, headers: { location: answer.redirect_url, "content-type": "text/plain; charset=utf-8" }, body: `Consent ${answer.consent}. Redirecting to ${answer.redirect_url}` };
  }
  const note =
    session.callbackUrl === undefined
      ? "No <code>override_callback_url</code> was given, so there is nowhere to redirect."
      : `The callback URL ${escapeHtml(session.callbackUrl)} is not an http(s) URL, so the mock does not redirect to it.`;
  const said = answer.consent === "allowed" ? "Your app can now fetch a token for this session." : "The session cannot be used; ask for a new URL.";
  return {
    status: 200,
    body: renderPage({
      title: `Consent ${answer.consent} - Kinde (mock)`,
      main: `<h1>Consent ${answer.consent}</h1>
<p role="status">${escapeHtml(session.keyCodeRef)}: ${said}</p>
<p class="note">${note} You can close this window.</p>`,
    }),
  };
}

function readDecision(raw: string | undefined): ConsentDecision | undefined | "invalid" {
  if (raw === undefined) return undefined;
  const lower = raw.trim().toLowerCase();
  return lower === "allow" || lower === "deny" ? lower : "invalid";
}

/** The decision from the query, or a form or JSON body (`decision=allow|deny`). */
function decisionOf(context: HandlerContext<ConsentState>): ConsentDecision | undefined | "invalid" {
  const fromQuery = context.url.searchParams.get("decision") ?? undefined;
  const field = pageBodyField(context.request.body ?? "", "decision");
  if ("malformedJson" in field) return "invalid";
  // A decision sent twice is no decision: the query's, if any, counts.
  return readDecision(typeof field.value === "string" ? field.value : fromQuery);
}

function decide(context: HandlerContext<ConsentState>, decision: ConsentDecision | undefined | "invalid"): PageAnswer | { error: MockError } {
  const json = prefersJson(context.request.headers.accept);
  if (decision === "invalid") return { error: { kind: "invalidRequest", message: 'decision must be "allow" or "deny"' } };
  const sessionId = context.url.searchParams.get("session_id") ?? "";
  const session = context.state.sessions.get(sessionId);
  const refused = refusal(session, decision);
  if (refused !== undefined || session === undefined) {
    const message = refused ?? "This consent session is unknown.";
    return json ? sessionError(message) : errorPage(400, message);
  }
  if (decision === undefined) return choicePage(context, sessionId, session);
  session.status = outcome[decision].status;
  const answer: ConsentAnswer = {
    session_id: sessionId,
    consent: outcome[decision].word,
    redirect_url: redirectTarget(session.callbackUrl, sessionId, decision) ?? null,
  };
  return json ? { status: 200, body: answer } : decidedPage(answer, session);
}

export function consentPages<State extends ConsentState>(): PageRoute<State>[] {
  return [
    {
      method: "GET",
      path: kindeConsentPagePath,
      // A browser gets the choice; a JSON caller allows at once unless it says `decision=deny`.
      handle: (context) => {
        const json = prefersJson(context.request.headers.accept);
        return decide(context, json ? readDecision(context.url.searchParams.get("decision") ?? "allow") : undefined);
      },
    },
    {
      method: "POST",
      path: kindeConsentPagePath,
      handle: (context) => {
        const decision = decisionOf(context);
        if (decision === undefined) return { error: { kind: "invalidRequest", message: "send decision=allow or decision=deny (form, JSON or query)" } };
        return decide(context, decision);
      },
    },
  ];
}
