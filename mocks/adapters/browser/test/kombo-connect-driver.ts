import type { Page } from "playwright-core";
import { komboConnectActions, pickedTool, toolFilterText, type KomboConnectAction } from "./kombo-connect-scenarios.js";

/**
 * The user's side of the Kombo scenarios: waits for the iframe `showKomboConnect` adds and clicks in
 * it. Throws with a reason when the Connect page is not what a user should see.
 */
export function komboConnectAction(scenario: string): KomboConnectAction | undefined {
  if (!scenario.startsWith("Kombo via ")) return undefined;
  return komboConnectActions.find((action) => scenario.endsWith(`, ${action}`));
}

export async function actInKomboConnect(page: Page, action: KomboConnectAction, timeoutMs: number): Promise<void> {
  const frame = page.frameLocator("iframe");
  const connectButton = frame.getByRole("button", { name: "Connect" });
  await connectButton.waitFor({ timeout: timeoutMs });
  const organisation = await frame.locator("dd").first().textContent();
  if (organisation !== "Hopper & Co") throw new Error(`the Connect page shows organisation ${JSON.stringify(organisation)}`);
  if (action === "Cancel") {
    await frame.getByRole("button", { name: "Cancel" }).click();
    return;
  }
  if (action === "pick a tool") {
    const picker = frame.getByLabel("Choose the tool to connect");
    const all = await picker.locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    const sorted = [...all].sort((a, b) => a.localeCompare(b, "en"));
    if (all.length < 2 || all.join() !== sorted.join()) throw new Error(`the tool picker is not sorted: ${all.slice(0, 5).join(", ")}...`);
    await frame.getByLabel("Find your tool").fill(toolFilterText);
    const shown = await picker.locator("option:not([hidden])").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    if (shown.length === 0 || shown.length === all.length || !shown.every((tool) => tool.includes(toolFilterText))) {
      throw new Error(`filtering "${toolFilterText}" shows ${shown.length} of ${all.length} tools: ${shown.slice(0, 5).join(", ")}`);
    }
    if ((await picker.inputValue()) !== shown[0]) throw new Error(`after filtering, the selected tool is ${await picker.inputValue()}, not the first match ${shown[0]}`);
    await picker.selectOption(pickedTool);
  }
  await connectButton.click();
}
