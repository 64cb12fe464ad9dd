// Build benchmark driver: runs every tool's build of the bench apps as a whole process, one warm-up round then
// `--runs` measured rounds. Each round runs every tool once, in an order that rotates from round to round, so
// slow drifts in machine load hit all tools alike; ratios to ours are taken per round (paired) and then the
// median of those is reported, which holds on a noisy machine better than a ratio of medians.
// Wall time is measured here around the child; peak RSS and CPU time come from GNU time (-f '%M %U %S').
// With --task, the MSBuild rows too: `dotnet build` of bench/apps/msbuild-web (the real app bundled by the task),
// cold and as a no-op, and of the same project without the task.
//
//   node bench/measure.mjs --work <dir> --tool <lavamoat-bundle executable> [--task <LavaMoat.Bundler.MSBuild.dll>]
//        --runs 3 --out <results.json>
//
// Writes results.json (every sample, plus which tools did not build and why) for bench/report.mjs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const work = resolve(args.work ?? join(tmpdir(), 'lavamoat-bench'));
// The executable of the published linux-x64 tool (what its package installs); a .dll runs on the shared runtime.
const tool = resolve(args.tool);
const toolCommand = tool.endsWith('.dll') ? ['dotnet', tool] : [tool];
const taskDll = args.task ? resolve(args.task) : null;
const runs = Number(args.runs ?? 3);
const only = args.only ? new Set(args.only.split(',')) : null;
const outFile = resolve(args.out ?? join(work, 'results.json'));
mkdirSync(work, { recursive: true });

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
// so nothing is ever written into the repository's apps. A family with a `project` (the MSBuild rows) gets that
// folder's files beside the app, and its `setup` runs once, untimed, when the copy is made.
function appCopy(tool) {
  const dir = appDir(tool);
  if (!existsSync(dir)) {
    const { source, modules } = apps[tool.app];
    mkdirSync(dir, { recursive: true });
    cpSync(join(source, 'package.json'), join(dir, 'package.json'));
    cpSync(join(source, 'src'), join(dir, 'src'), { recursive: true });
    const r = spawnSync('cp', ['-al', modules, join(dir, 'node_modules')]);
    if (r.status !== 0) throw new Error(`cp -al ${modules}: ${r.stderr}`);
    if (tool.project) cpSync(tool.project, dir, { recursive: true });
    try {
      tool.setup?.(dir);
    } catch (e) {
      // The next tool of the family starts over rather than building a half-prepared copy.
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }
  return dir;
}
const appDir = (tool) => join(work, 'apps', `${tool.app}-${tool.family}`);

const ours = (app, name, extra) => ({
  id: `${app}/${name}`, app, family: 'ours', tool: name, version: 'this repo (Release)',
  out: join(work, 'out', app, name, 'app.js'),
  cmd: (out) => [...toolCommand, apps[app].entry, '-o', out, ...extra],
});
const esbuild = (app) => ({
  id: `${app}/esbuild`, app, family: 'esbuild', tool: 'esbuild (unprotected)', version: version('esbuild'),
  out: join(work, 'out', app, 'esbuild', 'app.js'),
  cmd: (out) => [esbuildBin, apps[app].entry, '--bundle', '--format=iife', '--platform=browser', '--alias:path=path-browserify', '--define:process.env.NODE_ENV="production"', '--sourcemap=external', `--outfile=${out}`, `--metafile=${out}.meta.json`, '--log-level=error'],
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

// MSBuild rows (realworld only): `dotnet build` of bench/apps/msbuild-web, an ASP.NET Core project whose
// LavaMoatBundle item bundles src/main.js. The task is the Release build output given by --task, loaded in process
// (LavaMoatUseTaskHost stays false: what a package user gets from `dotnet build`); the targets are the package's
// build/ files from this checkout. The twin (family msbuild-without-task) is the same project built with
// -p:BenchWithoutTask=true, which leaves out the imports and the item: the baseline for what the task costs.
//
// Every build is a fresh process tree, as on a CI agent: --disable-build-servers (no MSBuild node reuse, no
// compiler or Razor server; the compiler runs as its own process). --no-restore: the copy is restored once in its
// setup, so "cold" measures the build, not NuGet (restore is the same with or without the task).
// "cold" deletes bin/ and obj/Debug/ (the bundle, its map and the task's input record live under
// obj/Debug/net10.0/) but keeps restore's files in obj/. "noop" builds again with nothing changed; it is a failed
// run unless the build rewrote none of the bundle, the task's input record (the task always rewrites it when it
// runs) and the app's assembly: the LavaMoatBundles target was skipped and nothing was compiled.
const taskBuildDir = join(repoRoot, 'src', 'LavaMoat.Bundler.MSBuild', 'build') + '/';
let sdkVersion;
const dotnetSdk = () => (sdkVersion ??= spawnSync('dotnet', ['--version'], { cwd: work, encoding: 'utf8' }).stdout?.trim() || 'n/a');
function msbuild(name, tool, { task, cold }) {
  const family = task ? 'msbuild' : 'msbuild-without-task';
  const dir = join(work, 'apps', `realworld-${family}`);
  const obj = join(dir, 'obj', 'Debug', 'net10.0');
  const assembly = join(dir, 'bin', 'Debug', 'net10.0', 'BenchWeb.dll');
  const props = task ? [`-p:BenchLavaMoatBuildDir=${taskBuildDir}`, `-p:LavaMoatTaskAssembly=${taskDll}`] : ['-p:BenchWithoutTask=true'];
  const build = ['dotnet', 'build', '--no-restore', '--disable-build-servers', '-tl:off', '-nologo', ...props];
  const unchanged = task ? [join(obj, 'lavamoat', 'app.js'), join(obj, 'lavamoat.inputs'), assembly] : [assembly];
  const clean = () => {
    rmSync(join(dir, 'bin'), { recursive: true, force: true });
    rmSync(join(dir, 'obj', 'Debug'), { recursive: true, force: true });
  };
  const untimed = (argv) => {
    const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, env: childEnv(), encoding: 'utf8', maxBuffer: 256 << 20 });
    if (r.status !== 0) throw new Error(`${argv.slice(0, 3).join(' ')}: ${firstError((r.stdout || '') + (r.stderr || ''))}`);
  };
  return {
    id: `realworld/${name}`, app: 'realworld', family, tool,
    version: (task ? 'this repo (Release), task in process; ' : '') + `dotnet SDK ${dotnetSdk()}`,
    project: join(benchDir, 'apps', 'msbuild-web'),
    // outputs() measures the folder of `out`: the bundle folder with the task, nothing to measure without it.
    out: task ? join(obj, 'lavamoat', 'app.js') : assembly,
    outputs: task ? undefined : () => (existsSync(assembly) ? { files: 0 } : null),
    // Restore once; with the task, also generate the policy the measured builds enforce (as a project that commits
    // its policy does, and like the CLI's protected row, which enforces the policy of its own autopolicy build).
    setup: () => {
      untimed(['dotnet', 'restore', '--disable-build-servers', '-tl:off', ...props]);
      if (task) untimed([...build, '-p:LavaMoatAutoPolicy=true']);
      clean();
    },
    prepare: () => {
      if (cold) return clean();
      // A no-op needs a previous build with the same command; in a measured round that is whichever of the
      // family's rows ran last, so this builds (untimed) only when that one failed.
      if (!unchanged.every((f) => existsSync(f))) untimed(build);
      return unchanged.map((f) => statSync(f).mtimeMs);
    },
    check: (before) => {
      if (cold) return null;
      const rewritten = unchanged.filter((f, i) => !existsSync(f) || statSync(f).mtimeMs !== before[i]);
      return rewritten.length ? `not a no-op: rewrote ${rewritten.map((f) => f.slice(dir.length + 1)).join(', ')}` : null;
    },
    cmd: () => build,
  };
}

// Order inside a family matters only for the warm-up: the policy-generating build runs before the enforcing one
// so the enforcing build finds a policy (each family has its own app copy).
// The same rows for both apps; the real app needs esmify for browserify (its entry is ESM).
const appTools = (app, esm) => {
  const ify = esm ? ' + esmify' : '';
  const esmArgs = esm ? ['--esm'] : [];
  return [
    ours(app, 'ours-autopolicy', ['--autopolicy']),
    ours(app, 'ours', []),
    ours(app, 'ours-no-map', ['--sourcemap', 'none']),
    ours(app, 'ours-node-env-none', ['--node-env', 'none']),
    esbuild(app),
    webpack(app, 'webpack', 'webpack (unprotected)', 'webpack', ''),
    webpack(app, 'lavamoat-webpack-generate', '@lavamoat/webpack (generatePolicy)', 'lavamoat-webpack', 'generate'),
    webpack(app, 'lavamoat-webpack', '@lavamoat/webpack (enforcing)', 'lavamoat-webpack', 'enforce'),
    browserify(app, 'browserify', `browserify${ify} (unprotected)`, 'browserify', esmArgs),
    browserify(app, 'lavamoat-browserify-autopolicy', `lavamoat-browserify${ify} (autopolicy)`, 'lavamoat-browserify', [...esmArgs, '--autopolicy']),
    browserify(app, 'lavamoat-browserify', `lavamoat-browserify${ify} (enforcing)`, 'lavamoat-browserify', [...esmArgs, '--lavamoat']),
  ];
};
const tools = [
  ...appTools('realworld', true),
  ...(taskDll ? [
    msbuild('msbuild-cold', 'MSBuild task, cold `dotnet build`', { task: true, cold: true }),
    msbuild('msbuild-noop', 'MSBuild task, no-op incremental `dotnet build`', { task: true, cold: false }),
    msbuild('msbuild-cold-without-task', 'same web project without the task, cold `dotnet build`', { task: false, cold: true }),
    msbuild('msbuild-noop-without-task', 'same web project without the task, no-op `dotnet build`', { task: false, cold: false }),
  ] : []),
  ...appTools('cjs-app', false),
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

const childEnv = (tool) => ({ ...process.env, ...(tool?.env ?? {}), ...(tool ? { BENCH_OUT: dirname(tool.out) } : {}), DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' });

function runOnce(tool) {
  // Untimed: the copy (and its setup) and the tool's own preparation, by default an empty output folder.
  let cwd, before;
  try {
    cwd = appCopy(tool);
    if (tool.prepare) before = tool.prepare();
    else {
      rmSync(dirname(tool.out), { recursive: true, force: true });
      mkdirSync(dirname(tool.out), { recursive: true });
    }
  } catch (e) {
    return { seconds: NaN, maxRssKb: NaN, ok: false, error: `setup: ${e.message}`.replaceAll(work + '/', '<work>/') };
  }
  const timeFile = join(work, 'time.txt');
  const argv = tool.cmd(tool.out);
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, ...argv], { cwd, env: childEnv(tool), encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const [maxRssKb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  const out = r.status === 0 ? (tool.outputs ?? outputs)(tool) : null;
  const error = r.status !== 0 || !out
    ? firstError((r.stderr || '') + (r.stdout || '')) || `exit ${r.status}, no output`
    : tool.check?.(before) ?? null;
  return { seconds, maxRssKb, cpuSeconds: user + sys, ok: !error, error, out };
}

// The lines that say what went wrong: from the first line naming an error, skipping stack frames.
function firstError(output) {
  const text = output.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at ') && !l.startsWith('Command exited') && l !== '^');
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

// The profile behind our rows: one more run of each of our protected builds, untimed, with the CLI's stage timings
// (LAVAMOAT_BUNDLE_TIMINGS=1: wall time and allocation per stage, GC collections and pauses, JIT work).
results.profile = {};
for (const t of tools.filter((t) => t.family === 'ours' && t.tool === 'ours' && !results.tools[t.id].failed)) {
  const r = spawnSync(t.cmd(t.out)[0], t.cmd(t.out).slice(1), {
    cwd: appCopy(t), encoding: 'utf8',
    env: { ...process.env, LAVAMOAT_BUNDLE_TIMINGS: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  const lines = (r.stderr || '').split('\n');
  results.profile[t.app] = {
    stages: lines.find((l) => l.includes(': stages: '))?.split(': stages: ')[1] ?? null,
    runtime: lines.find((l) => l.includes(': GC: '))?.split(': GC: ')[1] ?? null,
  };
  log(`profile  ${t.id.padEnd(48)} ${results.profile[t.app].stages}`);
}

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(results, null, 2));
log(`wrote ${outFile}`);
