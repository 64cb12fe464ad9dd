// Check bookkeeping shared by every part of the app. A check is [name, ok, detail]; a failing check keeps the
// error text as its detail so a test failure says what broke without rerunning anything.
export const checks = [];

const text = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Throws unless actual and expected serialise identically (JSON), so arrays and plain objects compare by value. */
export function expectEqual(actual, expected, what = 'value') {
  const a = text(actual);
  const e = text(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
  return actual;
}

export function expectTrue(condition, what) {
  if (!condition) throw new Error(`expected ${what}`);
}

const describe = (error) => {
  try {
    return `${error && error.name}: ${error && error.message}`;
  } catch {
    return 'unprintable error';
  }
};

/** Runs fn; its return value (stringified) is the detail. */
export function check(name, fn) {
  try {
    checks.push([name, true, text(fn()) ?? '']);
  } catch (error) {
    checks.push([name, false, describe(error)]);
  }
}

export async function checkAsync(name, fn) {
  try {
    checks.push([name, true, text(await fn()) ?? '']);
  } catch (error) {
    checks.push([name, false, describe(error)]);
  }
}

/**
 * Publishes the result everywhere a runner can read it: globalThis.__appResult (native Node), report() (the vm
 * harness and the test page define it), the DOM (#result, the title and an attribute on <html>, which Playwright
 * reads through a locator without evaluating script in the locked-down page) and one console line.
 */
export function finish(fatal) {
  if (fatal !== undefined) checks.push(['app', false, describe(fatal)]);
  const ok = checks.length > 0 && checks.every((c) => c[1] === true);
  const result = { ok, checks };
  globalThis.__appResult = result;
  const json = JSON.stringify(result);
  if (typeof globalThis.report === 'function') globalThis.report('realworld', json);
  if (typeof document !== 'undefined' && typeof document.getElementById === 'function') {
    const el = document.getElementById('result');
    if (el) el.textContent = json;
    document.title = ok ? 'PASS' : 'FAIL';
    document.documentElement.setAttribute('data-app-result', json);
  }
  const failed = checks.filter((c) => c[1] !== true);
  console.log(`realworld: ${ok ? 'PASS' : 'FAIL'} ${checks.length - failed.length}/${checks.length} checks`);
  for (const [name, , detail] of failed) console.log(`  failed ${name}: ${detail}`);
  return result;
}
