using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Policy;
using LavaMoat.Bundler.Tests.Infrastructure;
using static LavaMoat.Bundler.Tests.Infrastructure.Fixtures;

namespace LavaMoat.Bundler.Tests.Runtime;

/// <summary>
/// Escape attempts from issue 3 item 5. Each bundle is built exactly as for users (default options unless the
/// test says otherwise) and run in a vm context without code generation (as under CSP). The attacking package
/// records every attempt with <c>attempt(name, fn)</c>: "REAL GLOBAL" means it obtained the page's real global
/// object (the harness marks it with <c>__realMarker</c>); anything else is a value that is not it, or the error
/// that stopped it. The root module reports the attacker's results.
/// </summary>
[TestClass]
public sealed class EscapeTests
{
    private const string AttemptHelpers = """
        const results = {};
        const realness = (v) => {
          try { return v !== null && (typeof v === 'object' || typeof v === 'function') && v.__realMarker === 'REAL' ? 'REAL GLOBAL' : null; }
          catch (e) { return 'REAL GLOBAL (scuttled)'; }
        };
        const attempt = (name, fn) => {
          try {
            const v = fn();
            results[name] = realness(v) || ('no escape: ' + (v === undefined ? 'undefined' : typeof v));
          } catch (e) {
            results[name] = 'blocked: ' + e.name;
          }
        };
        module.exports = results;

        """;

    private static Task<VmResult> RunAttackAsync(
        string attack,
        PackagePolicy? policy = null,
        BundleOptions? options = null,
        string? before = null,
        string? after = null,
        bool allowEval = false)
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('attacker'); for (const k of Object.keys(r)) report(k, r[k]);", ("attacker", 2)),
                Module(2, "attacker", "node_modules/attacker/index.js", AttemptHelpers + attack),
            ],
            PolicyOf(("attacker", policy ?? PackagePolicy.Empty)),
            options);
        return VmHarness.RunAsync(bundle, before, after, allowEval);
    }

    private static void AssertNoAttemptReachedTheRealGlobal(VmResult result, int attempts)
    {
        result.AssertNoErrors();
        Assert.HasCount(attempts, result.Reports, result.Raw);
        foreach (var (name, value) in result.Reports)
        {
            StringAssert.DoesNotMatch(value.ToString(), new System.Text.RegularExpressions.Regex("REAL GLOBAL"), $"{name} escaped");
        }
    }

    private const string FunctionConstructorAttempts = """
        attempt('Function', () => Function('return this')());
        attempt('function constructor', () => (function () {}).constructor('return this')());
        attempt('object constructor constructor', () => ({}).constructor.constructor('return this')());
        attempt('async function constructor', () => (async function () {}).constructor('return this'));
        attempt('generator constructor', () => (function* () {}).constructor('return this')().next().value);
        attempt('indirect eval', () => (0, eval)('this'));
        attempt('direct-looking eval', () => eval('this'));
        """;

    /// <summary>Proves no code-generating constructor gives the real global, under a CSP without 'unsafe-eval'.</summary>
    [TestMethod]
    public async Task Function_constructors_and_eval_are_blocked_without_unsafe_eval()
    {
        var result = await RunAttackAsync(FunctionConstructorAttempts);
        AssertNoAttemptReachedTheRealGlobal(result, 7);
        foreach (var (name, value) in result.Reports)
        {
            StringAssert.StartsWith(value.GetString(), "blocked:", $"{name} should throw under the CSP emulation");
        }
    }

    /// <summary>Proves the same even where the page allows eval: lockdown's taming, not only the CSP, keeps the
    /// real global out of reach (at most a compartment global comes back).</summary>
    [TestMethod]
    public async Task Function_constructors_and_eval_never_reach_the_real_global_even_with_eval_allowed()
    {
        var result = await RunAttackAsync(FunctionConstructorAttempts, allowEval: true);
        AssertNoAttemptReachedTheRealGlobal(result, 7);
    }

    /// <summary>Proves module code is strict: a plain function call gets no global <c>this</c>, and the caller
    /// chain (<c>arguments.callee.caller</c>, <c>fn.caller</c>) is unavailable.</summary>
    [TestMethod]
    public async Task Sloppy_this_and_the_caller_chain_are_unavailable()
    {
        var result = await RunAttackAsync("""
            attempt('sloppy this', () => (function () { return this; })());
            attempt('this via call(undefined)', () => (function () { return this; }).call(undefined));
            attempt('arguments.callee.caller', () => (function () { return arguments.callee.caller; })());
            attempt('fn.caller', () => { function f() { return f.caller; } return f(); });
            attempt('top-level arguments.callee', () => arguments.callee);
            """);
        AssertNoAttemptReachedTheRealGlobal(result, 5);
        Assert.AreEqual("no escape: undefined", result.ReportString("sloppy this"));
        Assert.AreEqual("no escape: undefined", result.ReportString("this via call(undefined)"));
        Assert.AreEqual("blocked: TypeError", result.ReportString("arguments.callee.caller"));
        // A strict function has no caller: V8 throws, and after lockdown (which removes the poison-pill
        // accessors from Function.prototype) the read is simply undefined. Either way no caller is exposed.
        CollectionAssert.Contains(new[] { "blocked: TypeError", "no escape: undefined" }, result.ReportString("fn.caller"));
        Assert.AreEqual("blocked: TypeError", result.ReportString("top-level arguments.callee"));
    }

    /// <summary>Proves intrinsics and their prototypes are frozen for package code, so no package can change
    /// what another package (or the page) gets from them.</summary>
    [TestMethod]
    public async Task Assigning_to_intrinsics_or_their_prototypes_fails()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    const r = require('attacker'); for (const k of Object.keys(r)) report(k, r[k]);
                    report('victim sees', require('victim').sees);
                    """, ("attacker", 2), ("victim", 3)),
                Module(2, "attacker", "node_modules/attacker/index.js", """
                    const tryIt = (name, fn) => { try { fn(); exports[name] = 'changed'; } catch (e) { exports[name] = e.name; } };
                    tryIt('Array.prototype.push', () => { Array.prototype.push = function () { return 'hijacked'; }; });
                    tryIt('Object.prototype new key', () => { Object.prototype.polluted = 'yes'; });
                    tryIt('Array.isArray', () => { Array.isArray = () => true; });
                    tryIt('JSON.parse', () => { JSON.parse = () => 'hijacked'; });
                    tryIt('defineProperty on Function.prototype', () => Object.defineProperty(Function.prototype, 'call', { value: () => 'hijacked' }));
                    tryIt('setPrototypeOf Array.prototype', () => Object.setPrototypeOf(Array.prototype, null));
                    """),
                Module(3, "victim", "node_modules/victim/index.js", """
                    const a = [];
                    exports.sees = [a.push(1), ({}).polluted, Array.isArray({}), JSON.parse('1'), typeof Function.prototype.call].join();
                    """),
            ]);
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        foreach (var name in new[] { "Array.prototype.push", "Object.prototype new key", "Array.isArray", "JSON.parse", "defineProperty on Function.prototype", "setPrototypeOf Array.prototype" })
        {
            Assert.AreEqual("TypeError", result.ReportString(name), name);
        }
        Assert.AreEqual("1,,false,1,function", result.ReportString("victim sees"));
    }

    /// <summary>Proves <c>__proto__</c> cannot pollute <c>Object.prototype</c>: not by assignment through an
    /// instance, and not by merging JSON with a <c>__proto__</c> key.</summary>
    [TestMethod]
    public async Task Object_prototype_pollution_through_proto_fails()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    const r = require('attacker'); for (const k of Object.keys(r)) report(k, r[k]);
                    report('victim sees', String(require('victim').sees));
                    """, ("attacker", 2), ("victim", 3)),
                Module(2, "attacker", "node_modules/attacker/index.js", """
                    try { ({}).__proto__.polluted = 'yes'; exports.assign = 'changed'; } catch (e) { exports.assign = e.name; }
                    const merged = {};
                    const payload = JSON.parse('{"__proto__": {"polluted": "yes"}}');
                    for (const k of Object.keys(payload)) { try { merged[k] = payload[k]; } catch (e) { exports.merge = e.name; } }
                    try { Object.assign(({}).__proto__, { polluted: 'yes' }); exports.objectAssign = 'changed'; } catch (e) { exports.objectAssign = e.name; }
                    """),
                Module(3, "victim", "node_modules/victim/index.js", "exports.sees = ({}).polluted;"),
            ]);
        var result = await VmHarness.RunAsync(bundle, after: "report('page sees', String(({}).polluted));");
        result.AssertNoErrors();
        Assert.AreEqual("TypeError", result.ReportString("assign"));
        Assert.AreEqual("TypeError", result.ReportString("objectAssign"));
        Assert.AreEqual("undefined", result.ReportString("victim sees"));
        Assert.AreEqual("undefined", result.ReportString("page sees"));
    }

    /// <summary>Proves <c>globalThis.constructor</c> is the shared, frozen <c>Object</c>, which leads to no global.</summary>
    [TestMethod]
    public async Task GlobalThis_constructor_leads_nowhere()
    {
        var result = await RunAttackAsync("""
            attempt('globalThis.constructor', () => globalThis.constructor);
            attempt('constructor is Object', () => { if (globalThis.constructor !== Object) throw new Error('not Object'); return undefined; });
            attempt('constructor.constructor', () => globalThis.constructor.constructor('return this')());
            attempt('prototype chain', () => Object.getPrototypeOf(globalThis));
            attempt('window.constructor', () => window.constructor.constructor('return globalThis')());
            """);
        AssertNoAttemptReachedTheRealGlobal(result, 5);
        Assert.AreEqual("no escape: undefined", result.ReportString("constructor is Object"));
    }

    /// <summary>Proves the global aliases are the package's own compartment global: an ungranted name read through
    /// any of them (or as a free identifier) is undefined.</summary>
    [TestMethod]
    public async Task Alias_reads_of_an_ungranted_global_find_nothing()
    {
        var result = await RunAttackAsync("""
            attempt('window.localStorage', () => window.localStorage);
            attempt('self.fetch', () => self.fetch);
            attempt('top.document', () => top.document);
            attempt('parent.navigator', () => parent.navigator);
            attempt('frames.setTimeout', () => frames.setTimeout);
            attempt('global.report', () => global.report);
            attempt('globalThis.window', () => globalThis.window.window);
            attempt('free identifier', () => localStorage);
            attempt('typeof free identifier', () => { if (typeof fetch !== 'undefined') throw new Error('visible'); return undefined; });
            """);
        AssertNoAttemptReachedTheRealGlobal(result, 9);
        foreach (var (name, value) in result.Reports.Where(r => r.Name != "globalThis.window"))
        {
            Assert.AreEqual("no escape: undefined", value.GetString(), name);
        }
    }

    private const string DefaultViewAttack = """
        const view = document.createElement('a').ownerDocument.defaultView;
        attempt('defaultView', () => view);
        for (const name of ['fetch', 'localStorage', 'navigator', 'setTimeout', 'report', '__realMarker']) {
          attempt('defaultView.' + name, () => { const v = view[name]; if (v === undefined) return undefined; return 'reachable'; });
        }
        """;

    /// <summary>Proves that with scuttling on, the real window reached through a granted DOM endowment
    /// (<c>document.createElement('a').ownerDocument.defaultView</c>) yields no ungranted global: every property
    /// read throws.</summary>
    [TestMethod]
    public async Task With_scuttling_the_real_window_behind_a_DOM_endowment_yields_no_ungranted_global()
    {
        var result = await RunAttackAsync(
            DefaultViewAttack,
            Package([Read("document.createElement")]),
            new BundleOptions { Scuttle = ScuttleOptions.NoExceptions });
        result.AssertNoErrors();
        Assert.AreEqual("REAL GLOBAL (scuttled)", result.ReportString("defaultView"), "the object itself is reachable; its properties are not");
        foreach (var name in new[] { "fetch", "localStorage", "navigator", "setTimeout", "report", "__realMarker" })
        {
            Assert.AreEqual("blocked: TypeError", result.ReportString("defaultView." + name), name);
        }
    }

    /// <summary>Documents the known leak that scuttling exists for: without it, a DOM endowment leads to the
    /// real window and everything on it. (LavaMoat behaves the same; the policy should not grant DOM nodes lightly.)</summary>
    [TestMethod]
    public async Task Without_scuttling_the_real_window_behind_a_DOM_endowment_is_reachable_documented_leak()
    {
        var result = await RunAttackAsync(DefaultViewAttack, Package([Read("document.createElement")]));
        result.AssertNoErrors();
        Assert.AreEqual("REAL GLOBAL", result.ReportString("defaultView"));
        Assert.AreEqual("no escape: string", result.ReportString("defaultView.fetch"), "reachable without scuttling");
    }

    /// <summary>Proves the scope terminator claims every name: another script's global <c>let</c>/<c>const</c>/<c>class</c>
    /// (which are not properties of the global object, and which LavaMoat's terminator lets through) are invisible.</summary>
    [TestMethod]
    public async Task Page_level_let_const_and_class_of_another_script_are_invisible()
    {
        var result = await RunAttackAsync(
            """
            attempt('let', () => secretLet);
            attempt('const', () => secretConst);
            attempt('class', () => SecretClass);
            attempt('typeof let', () => { if (typeof secretLet !== 'undefined') throw new Error('visible'); return undefined; });
            attempt('assign let', () => { secretLet = 'overwritten'; return undefined; });
            """,
            before: "let secretLet = globalThis; const secretConst = globalThis; class SecretClass { static g = globalThis; }",
            after: "report('page let unchanged', secretLet === globalThis);");
        result.AssertNoErrors();
        Assert.AreEqual("no escape: undefined", result.ReportString("let"));
        Assert.AreEqual("no escape: undefined", result.ReportString("const"));
        Assert.AreEqual("no escape: undefined", result.ReportString("class"));
        Assert.AreEqual("no escape: undefined", result.ReportString("typeof let"));
        Assert.AreEqual("blocked: ReferenceError", result.ReportString("assign let"));
        Assert.IsTrue(result.Report("page let unchanged").GetBoolean());
    }

    /// <summary>Proves a native <c>import()</c> (which would load code against the real global, past any <c>with</c>)
    /// never reaches a bundle: the writer refuses the module, in every spelling SES's censor knows.</summary>
    [TestMethod]
    [DataRow("import('data:text/javascript,export default globalThis')")]
    [DataRow("import ('./x.js')")]
    [DataRow("import/**/('./x.js')")]
    [DataRow("const load = () => import(\n'./x.js');")]
    public void Native_dynamic_import_is_refused_by_the_bundle_writer(string code)
    {
        var error = Assert.ThrowsExactly<BundleException>(() => Write(
            [
                Module(1, Root, "src/index.js", "require('attacker');", ("attacker", 2)),
                Module(2, "attacker", "node_modules/attacker/index.js", code),
            ]));
        Assert.AreEqual("LMB3004", error.Code);
        StringAssert.Contains(error.Message, "node_modules/attacker/index.js");
    }

    /// <summary>The censor is not a blanket ban on the word: member calls and identifiers that merely start with
    /// "import" are fine.</summary>
    [TestMethod]
    public void Import_lookalikes_are_not_refused()
    {
        var output = Write(
            [Module(1, Root, "src/index.js", "const loader = { import: (x) => x }; loader.import('x'); const importScripts = 1;")]);
        StringAssert.Contains(output.Bundle, "loader.import('x')");
    }

    /// <summary>Proves a specifier whose <c>toString</c> changes cannot pass the check under one name and load
    /// another: it is read once, so the denied name is denied and the allowed module is never loaded instead.</summary>
    [TestMethod]
    public async Task A_specifier_whose_toString_changes_is_read_once()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('attacker'); for (const k of Object.keys(r)) report(k, r[k]);", ("attacker", 2)),
                Module(2, "attacker", "node_modules/attacker/index.js", """
                    let calls = 0;
                    const shifty = { toString() { calls += 1; return calls === 1 ? 'evil' : 'ok'; } };
                    try { exports.loaded = require(shifty).name; } catch (e) { exports.loaded = e.message; }
                    exports.calls = calls;
                    """, ("ok", 3), ("evil", 4)),
                Module(3, "ok", "node_modules/ok/index.js", "exports.name = 'ok';"),
                Module(4, "evil", "node_modules/evil/index.js", "report('evil ran', true); exports.name = 'evil';"),
            ],
            PolicyOf(("attacker", Package(packages: ["ok"])), ("evil", Package([Read("report")]))));
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("LavaMoat - required package not in allowlist: package \"attacker\" requested \"evil\" as \"evil\"", result.ReportString("loaded"));
        Assert.AreEqual(1, result.Report("calls").GetInt32());
        Assert.IsFalse(result.HasReport("evil ran"));
    }

    /// <summary>Proves a denied package's top-level code never runs: the check happens before the module is
    /// loaded (the published lavapack 8.0.1 runtime ran it first), also when asked a second time.</summary>
    [TestMethod]
    public async Task A_denied_package_does_not_run_before_the_denial()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('attacker'); for (const k of Object.keys(r)) report(k, r[k]);", ("attacker", 2)),
                Module(2, "attacker", "node_modules/attacker/index.js", """
                    for (const i of [1, 2]) { try { require('evil'); exports['try ' + i] = 'loaded'; } catch (e) { exports['try ' + i] = 'denied'; } }
                    """, ("evil", 3)),
                Module(3, "evil", "node_modules/evil/index.js", "report('evil ran', true);"),
            ],
            PolicyOf(("attacker", PackagePolicy.Empty), ("evil", Package([Read("report")]))));
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("denied", result.ReportString("try 1"));
        Assert.AreEqual("denied", result.ReportString("try 2"));
        Assert.IsFalse(result.HasReport("evil ran"));
    }

    /// <summary>Proves a <c>__proto__</c> policy path is refused: at build time by the writer, and at run time by
    /// <c>loadPolicy</c> (for hand-written policies loaded on the page).</summary>
    [TestMethod]
    public async Task A_proto_segment_in_a_policy_path_is_refused()
    {
        var error = Assert.ThrowsExactly<BundleException>(() => Write(
            [Module(1, Root, "src/index.js", "")],
            PolicyOf(("a", Package([Read("__proto__.polluted")])))));
        Assert.AreEqual("LMB3003", error.Code);
        StringAssert.Contains(error.Message, "__proto__");

        var bundle = Write([Module(1, Root, "src/index.js", "")]);
        var result = await VmHarness.RunAsync(bundle, after: """
            try { LavaMoatBundler.loadPolicy({ resources: { a: { globals: { 'x.__proto__.y': true } } } }); report('runtime', 'accepted'); }
            catch (e) { report('runtime', e.message); }
            """);
        result.AssertNoErrors();
        StringAssert.Contains(result.ReportString("runtime"), "\"__proto__\" is not allowed in a policy path");
    }

    /// <summary>Proves packages cannot read each other's compartment globals: what one package puts on its global
    /// (by assignment or through an alias) is not visible to another, and an exported function's constructor
    /// leads to no global either.</summary>
    [TestMethod]
    public async Task A_package_cannot_read_another_packages_compartment_global()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    require('victim');
                    const r = require('attacker'); for (const k of Object.keys(r)) report(k, r[k]);
                    """, ("victim", 2), ("attacker", 3)),
                Module(2, "victim", "node_modules/victim/index.js", """
                    globalThis.victimSecret = 'secret';
                    window.victimSecret2 = 'secret';
                    exports.fn = function () { return 1; };
                    """),
                Module(3, "attacker", "node_modules/attacker/index.js", AttemptHelpers + """
                    const victim = require('victim');
                    attempt('free identifier', () => victimSecret);
                    attempt('via globalThis', () => globalThis.victimSecret);
                    attempt('via window', () => window.victimSecret2);
                    attempt('exported function constructor', () => victim.fn.constructor('return this')());
                    attempt('same secret?', () => { if (victimSecret === 'secret' || window.victimSecret2 === 'secret') throw new Error('LEAK'); return undefined; });
                    """, ("victim", 2)),
            ],
            PolicyOf(("attacker", Package(packages: ["victim"]))));
        var result = await VmHarness.RunAsync(bundle);
        AssertNoAttemptReachedTheRealGlobal(result, 5);
        Assert.AreEqual("no escape: undefined", result.ReportString("free identifier"));
        Assert.AreEqual("no escape: undefined", result.ReportString("via globalThis"));
        Assert.AreEqual("no escape: undefined", result.ReportString("via window"));
        Assert.AreEqual("blocked: EvalError", result.ReportString("exported function constructor"));
        Assert.AreEqual("no escape: undefined", result.ReportString("same secret?"));
    }
}
