// Runs the app natively in Node and exits non-zero unless every check passed.
//   node run-native.mjs             plain Node
//   node run-native.mjs --lockdown  after SES lockdown (frozen intrinsics, no eval), as the bundle runs; uses the
//                                   ses package pinned by runtime-js/
import { createRequire } from 'node:module';

if (process.argv.includes('--lockdown')) {
  const require = createRequire(new URL('../../../runtime-js/package.json', import.meta.url));
  await import(require.resolve('ses'));
  // The options of LockdownOptions.Default in src/LavaMoat.Bundler/Emit/LockdownOptions.cs.
  lockdown({ evalTaming: 'no-eval', errorTaming: 'unsafe', stackFiltering: 'verbose', overrideTaming: 'severe', localeTaming: 'unsafe' });
}

const { done } = await import('./src/main.js');
const result = await done;
for (const [name, ok, detail] of result.checks) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail.length > 100 ? `${detail.slice(0, 100)}…` : detail}`);
}
process.exitCode = result.ok ? 0 : 1;
