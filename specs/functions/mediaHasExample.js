// Spectral function: a response or request body whose `content` has a media type without any
// example (neither a non-empty `examples` map nor `example`) is reported, one result per media type.
export default function mediaHasExample(target, _options, context) {
  if (typeof target !== "object" || target === null) return [];
  const content = target.content;
  if (typeof content !== "object" || content === null) return [];
  const results = [];
  for (const [mediaType, media] of Object.entries(content)) {
    const examples = media && typeof media === "object" ? media.examples : undefined;
    const hasExamples = typeof examples === "object" && examples !== null && Object.keys(examples).length > 0;
    const hasExample = media && typeof media === "object" && media.example !== undefined;
    if (!hasExamples && !hasExample) {
      results.push({
        message: `\`${mediaType}\` has no example: add a named example under \`examples\``,
        path: [...context.path, "content", mediaType],
      });
    }
  }
  return results;
}
