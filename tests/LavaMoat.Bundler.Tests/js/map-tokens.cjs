// Finds each token in a bundle and asks the `source-map` package where it comes from.
//
// usage: node map-tokens.cjs <spec.json>
//   spec: { "bundle": "path", "map": "path" | null (then the inline data: URL is read), "tokens": ["..."] }
// Prints [{ token, generated: { line, column }, original: { source, line, column }, sourceText }] where lines are
// 1-based and columns 0-based (the package's conventions), and sourceText is the original text at that position.
'use strict';
const fs = require('node:fs');
const { SourceMapConsumer } = require('source-map');

const main = async () => {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const bundle = fs.readFileSync(spec.bundle, 'utf8');
  let raw;
  if (spec.map) {
    raw = JSON.parse(fs.readFileSync(spec.map, 'utf8'));
  } else {
    const match = /\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\s*$/.exec(bundle);
    raw = JSON.parse(Buffer.from(match[1], 'base64').toString('utf8'));
  }
  const lines = bundle.split('\n');
  const results = await SourceMapConsumer.with(raw, null, (consumer) =>
    spec.tokens.map((token) => {
      const line = lines.findIndex((l) => l.includes(token));
      if (line < 0) return { token, error: 'token not in bundle' };
      const generated = { line: line + 1, column: lines[line].indexOf(token) };
      const original = consumer.originalPositionFor({ ...generated, bias: SourceMapConsumer.GREATEST_LOWER_BOUND });
      let sourceText = null;
      if (original.source !== null) {
        const content = consumer.sourceContentFor(original.source, true);
        const originalLine = content === null ? undefined : content.split(/\r\n|\r|\n/)[original.line - 1];
        sourceText = originalLine === undefined ? null : originalLine.slice(original.column, original.column + token.length);
      }
      return { token, generated, original, sourceText };
    }));
  process.stdout.write(JSON.stringify(results));
};
main().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exit(1);
});
