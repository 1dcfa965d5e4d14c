import type { JournalEntry } from "../../engine/journal.js";
import type { HasJournal } from "./received.js";

/**
 * A snapshot of an HTTP mock's journal (`GET <origin>/__mock/requests`), for the matchers and helpers:
 *
 *     expect(await readMockJournal("http://127.0.0.1:4010")).toHaveReceived("PostConnectCreateLink");
 */
export async function readMockJournal(...origins: string[]): Promise<HasJournal & { entries: JournalEntry[] }> {
  const lists = await Promise.all(
    origins.map(async (origin) => {
      const url = `${origin.replace(/\/+$/, "")}/__mock/requests`;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return ((await response.json()) as { requests: JournalEntry[] }).requests;
    }),
  );
  const entries = lists.flat();
  return { entries, requests: () => entries };
}
