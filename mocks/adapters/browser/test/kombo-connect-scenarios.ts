/**
 * The Kombo connect flow as a frontend team writes it: `@kombo-api/sdk` creates the link (on their
 * server, here in the page for brevity), `showKomboConnect(link)` from `@kombo-api/connect` shows it,
 * `getIntegrationByToken` reads the integration. Each scenario waits on `showKomboConnect` while the
 * test driver (run-browser-tests.ts) clicks inside the iframe as a user would.
 */
import { KomboConnectCancelledError, showKomboConnect } from "@kombo-api/connect";
import { Kombo } from "@kombo-api/sdk";
import { check } from "./page-checks.js";

/** What the driver does inside the iframe, by the scenario name's last part. */
export type KomboConnectAction = "Connect" | "pick a tool" | "Cancel";
export const komboConnectActions: readonly KomboConnectAction[] = ["Connect", "pick a tool", "Cancel"];
/** Typed into the tool filter by the "pick a tool" driver; `greenhouse` is the first tool that matches. */
export const toolFilterText = "green";
export const pickedTool = "greenhouse";

function framesLeft(): number {
  return document.querySelectorAll("iframe").length;
}

export function komboConnectScenarios(label: string, serverUrl: string): Record<string, () => Promise<string>> {
  const kombo = new Kombo({ api_key: "browser-test-key", server_url: serverUrl });
  const organization = "Hopper & Co";

  const connect = async (integrationTool: "personio" | undefined): Promise<{ link: string; token: string }> => {
    const created = await kombo.connect.createConnectionLink({
      end_user_email: "grace@example.com",
      end_user_organization_name: organization,
      integration_category: "ATS",
      ...(integrationTool ? { integration_tool: integrationTool } : {}),
    });
    const link = created.data.link;
    return { link, token: await showKomboConnect(link) };
  };

  const integrationTool = async (token: string): Promise<string> => {
    check(framesLeft() === 0, `the Connect iframe is still there after showKomboConnect resolved`);
    const integration = await kombo.connect.getIntegrationByToken({ token });
    check(integration.data.end_user_organization_name === organization, `organisation ${integration.data.end_user_organization_name}`);
    return integration.data.tool;
  };

  return {
    async [`Kombo via ${label}: showKomboConnect, Connect`]() {
      const { link, token } = await connect("personio");
      const tool = await integrationTool(token);
      check(tool === "personio", `getIntegrationByToken says tool ${tool}, the link named personio`);
      return `resolved with a token, iframe gone, integration tool ${tool} (link ${link.slice(0, 24)}...)`;
    },

    async [`Kombo via ${label}: showKomboConnect, pick a tool`]() {
      const { token } = await connect(undefined);
      const tool = await integrationTool(token);
      check(tool === pickedTool, `getIntegrationByToken says tool ${tool}, the user picked ${pickedTool}`);
      return `picked ${tool} after filtering "${toolFilterText}", resolved, iframe gone`;
    },

    async [`Kombo via ${label}: showKomboConnect, Cancel`]() {
      let outcome: unknown;
      try {
        outcome = await connect("personio");
      } catch (error) {
        outcome = error;
      }
      check(outcome instanceof KomboConnectCancelledError, `showKomboConnect gave ${outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : JSON.stringify(outcome)}, expected KomboConnectCancelledError`);
      check(framesLeft() === 0, "the Connect iframe is still there after Cancel");
      return "rejected with KomboConnectCancelledError, iframe gone";
    },
  };
}
