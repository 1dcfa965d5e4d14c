import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { DocumentError, unescapeToken, type JsonObject } from "./document.js";

export interface OurSpec {
  /** The spec as data, anchors expanded. */
  root: JsonObject;
  /** The line (1-based) of the node a JSON pointer names, or of its nearest ancestor present in the file. */
  lineOf(pointer: string): number | undefined;
}

/** Reads our YAML spec keeping its source positions, so that every change names the line to edit. */
export function readOurSpec(text: string, file: string): OurSpec {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) throw new DocumentError(`${file}: ${document.errors[0]?.message ?? "not YAML"}`);
  const root: unknown = document.toJS({ maxAliasCount: -1 });
  if (typeof root !== "object" || root === null || Array.isArray(root)) throw new DocumentError(`${file} is not an OpenAPI document`);
  return {
    root: root as JsonObject,
    lineOf(pointer) {
      let node: unknown = document.contents;
      let line = lineOfNode(node);
      for (const token of pointer.split("/").slice(1).map(unescapeToken)) {
        let next: unknown;
        let at: unknown;
        if (isMap(node)) {
          const pair = node.items.find((candidate) => isScalar(candidate.key) && String(candidate.key.value) === token);
          next = pair?.value;
          at = pair?.key;
        } else if (isSeq(node)) next = at = node.items[Number(token)];
        if (next === undefined || next === null) break;
        node = next;
        line = lineOfNode(at) ?? line;
      }
      return line;

      function lineOfNode(value: unknown): number | undefined {
        const range = (value as YamlNode | undefined)?.range;
        return range ? lineCounter.linePos(range[0]).line : undefined;
      }
    },
  };
}
