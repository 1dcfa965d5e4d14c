import { describe, expect, it } from "vitest";
import { evaluateTargets } from "../summary.js";
import { escapeXml, renderSvg } from "../svg.js";
import { fixedReport } from "./fixture.js";

/** A small XML well-formedness check: balanced tags, quoted attributes, no stray `<` or `&`. */
function wellFormednessProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos);)/g;
  for (const match of body.matchAll(token)) {
    const [whole, closing, name, , selfClosing] = match;
    if (whole === "<" || whole.startsWith("&")) {
      problems.push(`stray ${whole} at ${match.index}`);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`);
    } else if (!selfClosing) {
      stack.push(name as string);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  if (!/^<svg\b/.test(body)) problems.push("the root is not <svg>");
  return problems;
}

describe("the chart", () => {
  const report = fixedReport();
  report.targets = evaluateTargets(report);
  const svg = renderSvg(report);

  it("is well-formed SVG", () => {
    expect(wellFormednessProblems(svg)).toEqual([]);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it("the checker itself catches broken markup", () => {
    expect(wellFormednessProblems("<svg><text>a < b</text></svg>")).not.toEqual([]);
    expect(wellFormednessProblems("<svg><g></svg>")).not.toEqual([]);
    expect(wellFormednessProblems("<svg><text>R&D</text></svg>")).not.toEqual([]);
  });

  it("escapes text from the machine and writes the values and ratios on the bars", () => {
    expect(svg).toContain("Test CPU &lt;fast&gt; &amp; cheap");
    expect(svg).toMatch(/>12,000 {2}\(12\.0× Prism, 0\.75× floor\)<\/text>/);
    expect(svg).toContain(">2,000 ms</text>");
    expect(svg).toContain(">PASS</text>");
  });

  it("marks what was not measured instead of drawing a zero bar", () => {
    const partial = fixedReport({ coldStart: [] });
    expect(renderSvg(partial)).toContain("not measured");
  });

  it("draws bar lengths in proportion to the values", () => {
    const widths = [...svg.matchAll(/<rect x="200" y="[\d.]+" width="([\d.]+)" height="18" rx="2" fill="([^"]+)"\/>/g)];
    const throughput = widths.slice(0, 3).map((match) => Number(match[1]));
    expect(throughput[0]! / throughput[2]!).toBeCloseTo(12_000 / 16_000, 2);
  });

  it("escapes every XML special character", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
