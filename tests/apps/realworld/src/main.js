// The real-world app: every dependency does a real, checkable computation. The result is published by
// report.js's finish() (globalThis.__appResult, report(), the DOM, the console).
import { nodeEnv } from './env.js';
import classic from './lib/classic.cjs';
import { runData } from './lib/data.js';
import { runServerRender, runClientRender } from './lib/ui.js';
import { runHttp } from './lib/http.js';
import { check, checkAsync, expectEqual, finish } from './report.js';

async function main() {
  check('env', () => nodeEnv ?? '(unset)');
  classic.run(check, expectEqual);
  runData();
  runServerRender();
  await runHttp();
  await checkAsync('dynamic import', async () => {
    const { fuzzySearch } = await import('./lib/search.js');
    const found = await fuzzySearch([{ name: 'lavamoat' }, { name: 'browserify' }, { name: 'lava lamp' }], 'lavamot');
    expectEqual(found[0], 'lavamoat', 'best match');
    return found;
  });
  await runClientRender();
}

export const done = main().then(() => finish(), (error) => finish(error));
