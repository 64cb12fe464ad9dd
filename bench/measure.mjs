// Build benchmark driver: runs every tool's build of the bench apps as a whole process, one warm-up round then
// `--runs` measured rounds. Each round runs every tool once, in an order that rotates from round to round, so
// slow drifts in machine load hit all tools alike; ratios to ours are taken per round (paired) and then the
// median of those is reported, which holds on a noisy machine better than a ratio of medians.
// Wall time is measured here around the child; peak RSS and CPU time come from GNU time (-f '%M %U %S').
//
//   node bench/measure.mjs --work <dir> --tool <lavamoat-bundle.dll> --runs 3 --out <results.json>
//
// Writes results.json (every sample, plus which tools did not build and why) for bench/report.mjs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const work = resolve(args.work ?? '/tmp/lavamoat-bench');
const toolDll = resolve(args.tool);
const runs = Number(args.runs ?? 3);
const only = args.only ? new Set(args.only.split(',')) : null;
const outFile = resolve(args.out ?? join(work, 'results.json'));

const nm = join(benchDir, 'node_modules');
const esbuildBin = join(nm, 'esbuild', 'bin', 'esbuild');
const browserifyBuild = join(benchDir, 'anchors', 'browserify-build.cjs');
const webpackCli = join(nm, 'webpack-cli', 'bin', 'cli.js');
const webpackConfig = join(benchDir, 'anchors', 'webpack.config.cjs');
const version = (pkg) => JSON.parse(readFileSync(join(nm, pkg, 'package.json'), 'utf8')).version;

const apps = {
  realworld: { source: join(repoRoot, 'tests', 'apps', 'realworld'), modules: join(repoRoot, 'tests', 'apps', 'realworld', 'node_modules'), entry: 'src/main.js' },
  'cjs-app': { source: join(benchDir, 'apps', 'cjs-app'), modules: join(repoRoot, 'tests', 'apps', 'realworld', 'node_modules'), entry: 'src/main.js' },
};

// One app copy per tool family: autopolicy writes lavamoat/<tool>/policy.json into the project, and ours and
// lavamoat-browserify use the same default location. Sources are copied; node_modules is hard-linked (cp -al),
// so nothing is ever written into the repository's apps.
function appCopy(app, family) {
  const dir = join(work, 'apps', `${app}-${family}`);
  if (!existsSync(dir)) {
    const { source, modules } = apps[app];
    mkdirSync(dir, { recursive: true });
    cpSync(join(source, 'package.json'), join(dir, 'package.json'));
    cpSync(join(source, 'src'), join(dir, 'src'), { recursive: true });
    const r = spawnSync('cp', ['-al', modules, join(dir, 'node_modules')]);
    if (r.status !== 0) throw new Error(`cp -al ${modules}: ${r.stderr}`);
  }
  return dir;
}

const ours = (app, name, extra) => ({
  id: `${app}/${name}`, app, family: 'ours', tool: name, version: 'this repo (Release)',
  out: join(work, 'out', app, name, 'app.js'),
  cmd: (out) => ['dotnet', toolDll, apps[app].entry, '-o', out, ...extra],
});
const esbuild = (app) => ({
  id: `${app}/esbuild`, app, family: 'esbuild', tool: 'esbuild (unprotected)', version: version('esbuild'),
  out: join(work, 'out', app, 'esbuild', 'app.js'),
  cmd: (out) => [esbuildBin, apps[app].entry, '--bundle', '--format=iife', '--platform=browser', '--alias:path=path-browserify', '--sourcemap=external', `--outfile=${out}`, `--metafile=${out}.meta.json`, '--log-level=error'],
});
const browserify = (app, name, tool, family, extra) => ({
  id: `${app}/${name}`, app, family, tool, version: `browserify ${version('browserify')}` + (family !== 'browserify' ? `, lavamoat-browserify ${version('lavamoat-browserify')}` : '') + (extra.includes('--esm') ? `, esmify ${version('esmify')}` : ''),
  out: join(work, 'out', app, name, 'app.js'),
  cmd: (out) => ['node', browserifyBuild, apps[app].entry, out, ...extra],
});
const webpack = (app, name, tool, family, mode) => ({
  id: `${app}/${name}`, app, family, tool, version: `webpack ${version('webpack')}, webpack-cli ${version('webpack-cli')}` + (mode ? `, @lavamoat/webpack ${version('@lavamoat/webpack')}` : ''),
  out: join(work, 'out', app, name, 'main.js'),
  env: { BENCH_ENTRY: apps[app].entry, BENCH_LAVAMOAT: mode },
  cmd: () => ['node', webpackCli, '--config', webpackConfig],
  outDir: true,
});

// Order inside a family matters only for the warm-up: the policy-generating build runs before the enforcing one
// so the enforcing build finds a policy (each family has its own app copy).
const tools = [
  ours('realworld', 'ours-autopolicy', ['--autopolicy']),
  ours('realworld', 'ours', []),
  ours('realworld', 'ours-no-map', ['--sourcemap', 'none']),
  esbuild('realworld'),
  webpack('realworld', 'webpack', 'webpack (unprotected)', 'webpack', ''),
  webpack('realworld', 'lavamoat-webpack-generate', '@lavamoat/webpack (generatePolicy)', 'lavamoat-webpack', 'generate'),
  webpack('realworld', 'lavamoat-webpack', '@lavamoat/webpack (enforcing)', 'lavamoat-webpack', 'enforce'),
  browserify('realworld', 'browserify', 'browserify + esmify (unprotected)', 'browserify', ['--esm']),
  browserify('realworld', 'lavamoat-browserify-autopolicy', 'lavamoat-browserify + esmify (autopolicy)', 'lavamoat-browserify', ['--esm', '--autopolicy']),
  browserify('realworld', 'lavamoat-browserify', 'lavamoat-browserify + esmify (enforcing)', 'lavamoat-browserify', ['--esm', '--lavamoat']),
  ours('cjs-app', 'ours-autopolicy', ['--autopolicy']),
  ours('cjs-app', 'ours', []),
  ours('cjs-app', 'ours-no-map', ['--sourcemap', 'none']),
  esbuild('cjs-app'),
  webpack('cjs-app', 'webpack', 'webpack (unprotected)', 'webpack', ''),
  webpack('cjs-app', 'lavamoat-webpack-generate', '@lavamoat/webpack (generatePolicy)', 'lavamoat-webpack', 'generate'),
  webpack('cjs-app', 'lavamoat-webpack', '@lavamoat/webpack (enforcing)', 'lavamoat-webpack', 'enforce'),
  browserify('cjs-app', 'browserify', 'browserify (unprotected)', 'browserify', []),
  browserify('cjs-app', 'lavamoat-browserify-autopolicy', 'lavamoat-browserify (autopolicy)', 'lavamoat-browserify', ['--autopolicy']),
  browserify('cjs-app', 'lavamoat-browserify', 'lavamoat-browserify (enforcing)', 'lavamoat-browserify', ['--lavamoat']),
].filter((t) => !only || only.has(t.id) || only.has(t.app));

function outputs(tool) {
  const dir = dirname(tool.out);
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f === 'lockdown');
  if (files.length === 0 || !existsSync(tool.out) || statSync(tool.out).size === 0) return null;
  let raw = 0, gzip = 0, maps = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.map'))) maps += statSync(join(dir, f)).size;
  return { files: files.length, raw, gzip, maps };
}

function runOnce(tool) {
  const cwd = appCopy(tool.app, tool.family);
  rmSync(dirname(tool.out), { recursive: true, force: true });
  mkdirSync(dirname(tool.out), { recursive: true });
  const timeFile = join(work, 'time.txt');
  const argv = tool.cmd(tool.out);
  const env = { ...process.env, ...(tool.env ?? {}), BENCH_OUT: dirname(tool.out), DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' };
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, ...argv], { cwd, env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const [maxRssKb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  const out = r.status === 0 ? outputs(tool) : null;
  const error = r.status !== 0 || !out
    ? firstError(((r.stderr || '') + (r.stdout || '')).split('\n')) || `exit ${r.status}, no output`
    : null;
  return { seconds, maxRssKb, cpuSeconds: user + sys, ok: !error, error, out };
}

// The lines that say what went wrong: from the first line naming an error, skipping stack frames.
function firstError(lines) {
  const text = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('at ') && !l.startsWith('Command exited') && l !== '^');
  const i = text.findIndex((l) => /error/i.test(l));
  // The work folder is a temp path of this machine; the report keeps it out so it reads the same everywhere.
  return text.slice(Math.max(i, 0), Math.max(i, 0) + 2).join(' | ').replaceAll(work + '/', '<work>/');
}

const results = { date: new Date().toISOString(), runs, tools: {} };
for (const t of tools) results.tools[t.id] = { id: t.id, app: t.app, tool: t.tool, version: t.version, samples: [], failed: null, out: null };

const log = (s) => process.stderr.write(s + '\n');
for (let round = 0; round <= runs; round++) {
  const live = tools.filter((t) => !results.tools[t.id].failed);
  // Warm-up (round 0) keeps the declared order (policies first); measured rounds rotate it.
  // Enforcing builds only need the policy the warm-up wrote, so any order is safe after it.
  const order = round === 0 ? live : live.map((_, i) => live[(i + round) % live.length]);
  for (const t of order) {
    const r = runOnce(t);
    const entry = results.tools[t.id];
    log(`${round === 0 ? 'warm-up' : `round ${round}`}  ${t.id.padEnd(48)} ${r.ok ? r.seconds.toFixed(2) + ' s' : 'FAILED: ' + r.error}  ${(r.maxRssKb / 1024).toFixed(0)} MB`);
    if (!r.ok) {
      // A tool that cannot build the app is reported as such, not retried every round.
      if (round === 0) entry.failed = r.error;
      else entry.samples.push({ round, failed: r.error });
      continue;
    }
    entry.out = r.out;
    if (round > 0) entry.samples.push({ round, seconds: r.seconds, maxRssKb: r.maxRssKb, cpuSeconds: r.cpuSeconds });
  }
}

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(results, null, 2));
log(`wrote ${outFile}`);
