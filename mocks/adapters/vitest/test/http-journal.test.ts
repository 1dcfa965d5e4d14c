import { expect, it } from "vitest";
import { startMockServers } from "../../node/server.js";
import { mockMatchers, readMockJournal } from "../index.js";

expect.extend(mockMatchers);

it("an HTTP mock's journal, read with readMockJournal, takes the same matchers", async () => {
  const running = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
  try {
    await fetch(`${running.kombo.baseUrl}/connect/create-link`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: JSON.stringify({ end_user_email: "http@acme.example", end_user_organization_name: "Acme" }),
    });
    const journal = await readMockJournal(running.kombo.origin, running.kinde.origin);
    expect(journal).toHaveReceived("PostConnectCreateLink", { body: { end_user_email: "http@acme.example" } });
    expect(journal).not.toHaveReceived("RequestM2MToken");
  } finally {
    await running.close();
  }
});
