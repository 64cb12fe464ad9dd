using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Tests.Infrastructure;
using static LavaMoat.Bundler.Tests.Infrastructure.Fixtures;

namespace LavaMoat.Bundler.Tests.Runtime;

/// <summary>
/// The runtime semantics of issue 3 item 4, each asserted on a bundle written by <see cref="BundleWriter"/> from
/// small fixture modules and run in a fresh Node vm context with browser-like globals and no code generation.
/// Root modules report results through the page's <c>report(name, value)</c> function.
/// </summary>
[TestClass]
public sealed class RuntimeSemanticsTests
{
    [TestMethod]
    public async Task Lockdown_runs_before_any_package_code()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    report('root sees frozen Object.prototype', Object.isFrozen(Object.prototype));
                    report('package saw', require('a').sawFrozen);
                    """, ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    exports.sawFrozen = Object.isFrozen(Array.prototype) && Object.isFrozen(Function.prototype) && typeof harden === 'function';
                    """),
            ]);
        var result = await VmHarness.RunAsync(bundle, before: "report('lockdown before bundle', typeof lockdown);");
        result.AssertNoErrors();
        Assert.AreEqual("undefined", result.ReportString("lockdown before bundle"), "the page had no SES before the bundle");
        Assert.IsTrue(result.Report("root sees frozen Object.prototype").GetBoolean());
        Assert.IsTrue(result.Report("package saw").GetBoolean());
    }

    [TestMethod]
    public async Task Each_canonical_package_gets_one_compartment_shared_by_its_modules()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    const one = require('a/one');
                    const two = require('a/two');
                    const b = require('b');
                    report('a modules share a global', one.global === two.global);
                    report('a/two reads what a/one stored', two.read);
                    report('b has another global', b.global !== one.global);
                    report('b does not see it', b.read);
                    """, ("a/one", 2), ("a/two", 3), ("b", 4)),
                Module(2, "a", "node_modules/a/one.js", "globalThis.storedByOne = 'stored'; exports.global = globalThis;"),
                Module(3, "a", "node_modules/a/two.js", "exports.global = globalThis; exports.read = storedByOne;"),
                Module(4, "b", "node_modules/b/index.js", "exports.global = globalThis; exports.read = typeof storedByOne;"),
            ]);
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.IsTrue(result.Report("a modules share a global").GetBoolean());
        Assert.AreEqual("stored", result.ReportString("a/two reads what a/one stored"));
        Assert.IsTrue(result.Report("b has another global").GetBoolean());
        Assert.AreEqual("undefined", result.ReportString("b does not see it"));
    }

    [TestMethod]
    public async Task The_root_gets_the_whole_global_wrapped_and_may_require_any_package()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    fetch('/from-root');
                    report('localStorage', localStorage.getItem('k'));
                    report('createElement keeps its receiver', document.createElement('div').tagName);
                    report('real marker through window', window.__realMarker);
                    report('window is the root compartment global', window === globalThis);
                    report('unlisted package', require('nopolicy').ok);
                    report('wrapped once, then a data property', window.fetch === fetch && typeof Object.getOwnPropertyDescriptor(globalThis, 'fetch').value === 'function');
                    globalThis.setTimeout = 'replaced in the root compartment only';
                    report('root assignment', setTimeout);
                    """, ("nopolicy", 2)),
                Module(2, "nopolicy", "node_modules/nopolicy/index.js", "exports.ok = 'required without any policy';"),
            ]);
        var result = await VmHarness.RunAsync(bundle, after: "report('real setTimeout', typeof setTimeout);");
        result.AssertNoErrors();
        Assert.AreEqual("/from-root", result.ReportString("fetch called"));
        Assert.IsTrue(result.Report("wrapped once, then a data property").GetBoolean());
        Assert.AreEqual("replaced in the root compartment only", result.ReportString("root assignment"));
        Assert.AreEqual("function", result.ReportString("real setTimeout"));
        Assert.AreEqual("stored:k", result.ReportString("localStorage"));
        Assert.AreEqual("DIV", result.ReportString("createElement keeps its receiver"));
        Assert.AreEqual("REAL", result.ReportString("real marker through window"));
        Assert.IsTrue(result.Report("window is the root compartment global").GetBoolean());
        Assert.AreEqual("required without any policy", result.ReportString("unlisted package"));
    }

    [TestMethod]
    public async Task A_dotted_policy_path_gives_a_minimal_view()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('a'); for (const k of Object.keys(r)) report(k, r[k]);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    exports.c = nested.a.b.c;
                    exports.d = String(nested.a.b.d);
                    exports.e = String(nested.a.e);
                    exports.keys = Object.keys(nested).join() + '|' + Object.keys(nested.a).join() + '|' + Object.keys(nested.a.b).join();
                    """),
            ],
            PolicyOf(("a", Package([Read("nested.a.b.c")]))));
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("deep", result.ReportString("c"));
        Assert.AreEqual("undefined", result.ReportString("d"));
        Assert.AreEqual("undefined", result.ReportString("e"));
        Assert.AreEqual("a|b|c", result.ReportString("keys"));
    }

    [TestMethod]
    public async Task Endowed_functions_are_called_with_their_original_receiver()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('a'); for (const k of Object.keys(r)) report(k, r[k]);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    exports.method = receiverCheck.whoAmI();
                    exports.dom = document.createElement('span').tagName;
                    exports.topLevel = typeof fetch('/from-package');
                    exports.viaWindow = typeof window.fetch('/via-window');
                    """),
            ],
            PolicyOf(("a", Package([Read("receiverCheck.whoAmI"), Read("document.createElement"), Read("fetch")]))));
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("real receiver", result.ReportString("method"));
        Assert.AreEqual("SPAN", result.ReportString("dom"));
        Assert.AreEqual("object", result.ReportString("topLevel"));
        Assert.AreEqual("object", result.ReportString("viaWindow"));
    }

    [TestMethod]
    public async Task Endowed_getters_and_setters_are_forwarded_to_the_real_object()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('a'); for (const k of Object.keys(r)) report(k, r[k]);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    exports.before = accessorHost.value;
                    accessorHost.value = 5;
                    exports.after = accessorHost.value;
                    """),
            ],
            PolicyOf(("a", Package([Read("accessorHost.value")]))));
        var result = await VmHarness.RunAsync(bundle, after: "report('page sees', accessorHost.value);");
        result.AssertNoErrors();
        Assert.AreEqual(1, result.Report("before").GetInt32());
        Assert.AreEqual(5, result.Report("after").GetInt32());
        Assert.AreEqual(5, result.Report("page sees").GetInt32());
    }

    [TestMethod]
    public async Task Write_permission_shares_a_slot_between_packages_and_read_only_globals_ignore_writes()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    const r = require('reader');
                    report('reader before', r.read());
                    require('writer');
                    report('reader after', r.read());
                    report('reader tried to write', r.tryWrite());
                    report('ungranted write', require('nogrant').tryWrite());
                    """, ("reader", 2), ("writer", 3), ("nogrant", 4)),
                Module(2, "reader", "node_modules/reader/index.js", """
                    exports.read = () => sharedSlot;
                    exports.tryWrite = () => { sharedSlot = 'reader value'; return sharedSlot; };
                    """),
                Module(3, "writer", "node_modules/writer/index.js", "sharedSlot = 'written by writer';"),
                Module(4, "nogrant", "node_modules/nogrant/index.js", """
                    exports.tryWrite = () => { try { sharedSlot = 1; return 'assigned'; } catch (e) { return e.name + ': ' + e.message; } };
                    """),
            ],
            PolicyOf(("reader", Package([Read("sharedSlot")])), ("writer", Package([Write("sharedSlot")]))));
        var result = await VmHarness.RunAsync(bundle, after: "report('real global', sharedSlot);");
        result.AssertNoErrors();
        Assert.AreEqual("initial", result.ReportString("reader before"));
        Assert.AreEqual("written by writer", result.ReportString("reader after"));
        Assert.AreEqual("written by writer", result.ReportString("reader tried to write"), "a read grant ignores writes");
        Assert.IsTrue(result.Logs.Any(l => l.Line.Contains("ignoring write attempt to read-access global \"sharedSlot\"", StringComparison.Ordinal)));
        Assert.AreEqual("ReferenceError: sharedSlot is not defined", result.ReportString("ungranted write"));
        Assert.AreEqual("initial", result.ReportString("real global"), "package writes never reach the real global");
    }

    [TestMethod]
    public async Task False_bans_a_path_inside_an_allowed_parent()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('a'); for (const k of Object.keys(r)) report(k, r[k]);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    exports.open = host.open;
                    exports.secret = String(host.secret);
                    exports.secretIn = 'secret' in host;
                    exports.innerOk = host.inner.ok;
                    exports.innerHidden = String(host.inner.hidden);
                    exports.lavamoatPattern = nested.a.e + ',' + nested.a.b.c + ',' + String(nested.a.b.d);
                    """),
            ],
            PolicyOf(("a", Package([
                Read("host"), Deny("host.secret"), Deny("host.inner.hidden"),
                Read("nested.a"), Deny("nested.a.b"), Read("nested.a.b.c"),
            ]))));
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("open", result.ReportString("open"));
        Assert.AreEqual("undefined", result.ReportString("secret"));
        Assert.IsFalse(result.Report("secretIn").GetBoolean());
        Assert.AreEqual("ok", result.ReportString("innerOk"));
        Assert.AreEqual("undefined", result.ReportString("innerHidden"));
        Assert.AreEqual("other,deep,undefined", result.ReportString("lavamoatPattern"));
    }

    [TestMethod]
    public async Task The_seven_global_aliases_are_the_compartment_global()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('a'); for (const k of Object.keys(r)) report(k, r[k]);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    exports.aliases = [window, self, global, globalThis, top, frames, parent].every(g => g === globalThis);
                    exports.noRealMarker = String(window.__realMarker) + ',' + String(top.__realMarker) + ',' + String(parent.__realMarker);
                    """),
            ]);
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.IsTrue(result.Report("aliases").GetBoolean());
        Assert.AreEqual("undefined,undefined,undefined", result.ReportString("noRealMarker"));
    }

    [TestMethod]
    public async Task Math_and_Date_are_endowed_so_random_and_now_work()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('a'); for (const k of Object.keys(r)) report(k, r[k]);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    const r = Math.random();
                    exports.random = typeof r === 'number' && r >= 0 && r < 1;
                    exports.now = Date.now() > 0 && !Number.isNaN(new Date().getTime());
                    """),
            ]);
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.IsTrue(result.Report("random").GetBoolean());
        Assert.IsTrue(result.Report("now").GetBoolean());
    }

    [TestMethod]
    public async Task A_denied_require_throws_LavaMoats_error_before_the_target_runs()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "report('a', require('a').result);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    try { require('./denied-alias'); exports.result = 'loaded'; } catch (e) { exports.result = e.message; }
                    """, ("./denied-alias", 3)),
                Module(3, "evil", "node_modules/evil/index.js", "report('evil top-level code ran', true);"),
            ],
            PolicyOf(("a", Package(deniedPackages: ["evil"])), ("evil", Package([Read("report")]))));
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("LavaMoat - required package not in allowlist: package \"a\" requested \"evil\" as \"./denied-alias\"", result.ReportString("a"));
        Assert.IsFalse(result.HasReport("evil top-level code ran"), "the denied module must not run before the check");
    }

    [TestMethod]
    public async Task An_allowed_require_runs_the_target_and_same_package_requires_need_no_policy()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "report('a', require('a').value);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", "exports.value = require('./util').x + require('b').y;", ("./util", 3), ("b", 4)),
                Module(3, "a", "node_modules/a/util.js", "exports.x = 'same package, ';"),
                Module(4, "b", "node_modules/b/index.js", "exports.y = 'allowed package';"),
            ],
            PolicyOf(("a", Package(packages: ["b"]))));
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("same package, allowed package", result.ReportString("a"));
    }

    [TestMethod]
    public async Task Require_coerces_the_specifier_to_a_string_once()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('a'); for (const k of Object.keys(r)) report(k, r[k]);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    let calls = 0;
                    const shifty = { toString() { calls += 1; return calls === 1 ? 'ok' : 'evil'; } };
                    exports.loaded = require(shifty).name;
                    exports.calls = calls;
                    """, ("ok", 3), ("evil", 4)),
                Module(3, "ok", "node_modules/ok/index.js", "exports.name = 'ok';"),
                Module(4, "evil", "node_modules/evil/index.js", "exports.name = 'evil';"),
            ],
            PolicyOf(("a", Package(packages: ["ok"]))));
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("ok", result.ReportString("loaded"));
        Assert.AreEqual(1, result.Report("calls").GetInt32());
    }

    [TestMethod]
    public async Task Modules_are_cached_and_cycles_see_partial_exports()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    const x = require('./x');
                    report('y saw partial x', x.fromY);
                    report('cached', require('./x') === x && require('./y') === x.y);
                    report('runs', runs.join());
                    """, ("./x", 2), ("./y", 3)),
                Module(2, Root, "src/x.js", """
                    globalThis.runs = (globalThis.runs || []).concat('x');
                    exports.early = 'early';
                    exports.y = require('./y');
                    exports.fromY = exports.y.sawX;
                    exports.late = 'late';
                    """, ("./y", 3)),
                Module(3, Root, "src/y.js", """
                    runs.push('y');
                    const x = require('./x');
                    exports.sawX = Object.keys(x).join();
                    """, ("./x", 2)),
            ]);
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.AreEqual("early", result.ReportString("y saw partial x"));
        Assert.IsTrue(result.Report("cached").GetBoolean());
        Assert.AreEqual("x,y", result.ReportString("runs"));
    }

    [TestMethod]
    public async Task This_at_module_top_level_is_module_exports()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", "const r = require('a'); for (const k of Object.keys(r)) report(k, r[k]);", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", """
                    this.viaThis = this === module.exports && exports === module.exports;
                    exports.argumentCount = arguments.length;
                    """),
            ]);
        var result = await VmHarness.RunAsync(bundle);
        result.AssertNoErrors();
        Assert.IsTrue(result.Report("viaThis").GetBoolean());
        Assert.AreEqual(3, result.Report("argumentCount").GetInt32());
    }

    [TestMethod]
    public async Task Scuttling_makes_the_real_global_throw_except_for_string_and_regex_exceptions()
    {
        var bundle = Write(
            [
                Module(1, Root, "src/index.js", """
                    fetch('/root-still-works');
                    report('package fetch', require('a').fetchType);
                    """, ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", "exports.fetchType = typeof fetch('/package-still-works');"),
            ],
            PolicyOf(("a", Package([Read("fetch")]))),
            new BundleOptions { Scuttle = new ScuttleOptions(["report", "/^__/", "localStorage"]) });
        var result = await VmHarness.RunAsync(bundle, after: """
            try { fetch('/page'); report('page fetch', 'reachable'); } catch (e) { report('page fetch', e.message); }
            report('string exception', localStorage.getItem('x'));
            report('regex exception', __realMarker);
            report('intrinsics stay', typeof Array.isArray);
            report('api stays', typeof LavaMoatBundler.loadBundle);
            """);
        result.AssertNoErrors();
        Assert.AreEqual("/root-still-works", result.Reports.First(r => r.Name == "fetch called").Value.GetString());
        Assert.AreEqual("object", result.ReportString("package fetch"));
        Assert.AreEqual("LavaMoat - property \"fetch\" of globalThis is inaccessible under scuttling mode", result.ReportString("page fetch"));
        Assert.AreEqual("stored:x", result.ReportString("string exception"));
        Assert.AreEqual("REAL", result.ReportString("regex exception"));
        Assert.AreEqual("function", result.ReportString("intrinsics stay"));
        Assert.AreEqual("function", result.ReportString("api stays"));
    }

    [TestMethod]
    public async Task Debug_mode_logs_module_errors_and_exposes_the_debug_api_only_when_on()
    {
        IReadOnlyList<ModuleRecord> modules =
        [
            Module(1, Root, "src/index.js", "try { require('a'); } catch (e) { report('error', e.message); }", ("a", 2)),
            Module(2, "a", "node_modules/a/index.js", "throw new Error('boom');"),
        ];
        const string After = "report('debug api', typeof LavaMoatBundler.debug);";
        var off = await VmHarness.RunAsync(Write(modules), after: After);
        var on = await VmHarness.RunAsync(Write(modules, options: new BundleOptions { DebugMode = true }), after: After + """
            report('debug global of a', typeof LavaMoatBundler.debug.getCompartmentGlobal('a').Array);
            """);
        off.AssertNoErrors();
        on.AssertNoErrors();
        Assert.AreEqual("boom", off.ReportString("error"));
        Assert.AreEqual("boom", on.ReportString("error"));
        Assert.AreEqual("undefined", off.ReportString("debug api"));
        Assert.AreEqual("object", on.ReportString("debug api"));
        Assert.AreEqual("function", on.ReportString("debug global of a"));
        Assert.IsFalse(off.Logs.Any(l => l.Level == "error"));
        Assert.IsTrue(on.Logs.Any(l => l.Level == "error" && l.Line.Contains("node_modules/a/index.js", StringComparison.Ordinal)), on.Raw);
    }

    [TestMethod]
    public async Task Stats_mode_records_a_tree_of_module_initialisations()
    {
        IReadOnlyList<ModuleRecord> modules =
        [
            Module(1, Root, "src/index.js", "require('a');", ("a", 2)),
            Module(2, "a", "node_modules/a/index.js", "exports.x = 1;"),
        ];
        const string After = """
            if (typeof LavaMoatBundler.getStats !== 'function') { report('stats', 'none'); } else {
              const s = LavaMoatBundler.getStats();
              report('stats', s.length + ':' + s[0].id + '>' + s[0].children.map(c => c.id + '@' + c.package).join());
              report('times', s[0].end >= s[0].start && s[0].children[0].end >= s[0].children[0].start);
            }
            """;
        var off = await VmHarness.RunAsync(Write(modules), after: After);
        var on = await VmHarness.RunAsync(Write(modules, options: new BundleOptions { StatsMode = true }), after: After);
        off.AssertNoErrors();
        on.AssertNoErrors();
        Assert.AreEqual("none", off.ReportString("stats"));
        Assert.AreEqual("1:1>2@a", on.ReportString("stats"));
        Assert.IsTrue(on.Report("times").GetBoolean());
    }

    [TestMethod]
    public async Task The_runtime_api_is_a_frozen_non_writable_global_that_loads_a_second_bundle_sharing_runtime_and_policy()
    {
        var first = Write(
            [
                Module(1, Root, "src/index.js", "require('a');", ("a", 2)),
                Module(2, "a", "node_modules/a/index.js", "exports.instance = {}; exports.count = (exports.count || 0) + 1;", ("b", 3)),
                Module(3, "b", "node_modules/b/index.js", "exports.b = 'b';"),
            ],
            PolicyOf(("a", Package(deniedPackages: ["b"])), ("c", Package(packages: ["a"]))),
            new BundleOptions { Runtime = RuntimePlacement.Separate, BundleFileName = "first.js" });
        var second = Write(
            [
                Module(10, Root, "src/second.js", """
                    const c = require('c');
                    report('c got the shared a', c.sameA);
                    report('c denied b', c.denied);
                    """, ("c", 11)),
                Module(11, "c", "node_modules/c/index.js", """
                    const a = require('a');
                    exports.sameA = a.count === 1 && typeof a.instance === 'object';
                    try { require('b'); exports.denied = 'no'; } catch (e) { exports.denied = e.message; }
                    """, ("a", 2), ("b", 3)),
            ],
            PolicyOf(("c", Package(packages: ["a"]))),
            new BundleOptions { Runtime = RuntimePlacement.Separate, BundleFileName = "second.js" },
            external: new HashSet<int> { 2, 3 });
        Assert.IsNotNull(first.Runtime);
        var scripts = new List<PageScript>
        {
            new("runtime.js", first.Runtime),
            new("first.js", first.Bundle),
            PageScript.Inline("check-api.js", """
                const d = Object.getOwnPropertyDescriptor(globalThis, 'LavaMoatBundler');
                report('descriptor', [d.writable, d.configurable, Object.isFrozen(d.value), Object.isFrozen(d.value.loadBundle)].join());
                LavaMoatBundler = 'replaced';
                try { LavaMoatBundler.loadBundle = null; } catch (e) { report('frozen assignment', e.name); }
                report('still the api', typeof LavaMoatBundler.loadBundle);
                """),
            new("second.js", second.Bundle),
        };
        var result = await VmHarness.RunAsync(scripts);
        result.AssertNoErrors();
        Assert.AreEqual("false,false,true,true", result.ReportString("descriptor"));
        Assert.AreEqual("function", result.ReportString("still the api"));
        Assert.IsTrue(result.Report("c got the shared a").GetBoolean());
        Assert.AreEqual("LavaMoat - required package not in allowlist: package \"c\" requested \"b\" as \"b\"", result.ReportString("c denied b"));
    }

    /// <summary>A second copy of the runtime on the same page fails (SES's shim refuses to re-install over frozen
    /// intrinsics, and the kernel refuses an existing API global) instead of locking down again or replacing the
    /// API: the first bundle's modules ran once and the API still works.</summary>
    [TestMethod]
    public async Task The_runtime_refuses_to_load_twice_on_one_page()
    {
        var bundle = Write([Module(1, Root, "src/index.js", "report('ran', true);")]);
        var result = await VmHarness.RunAsync(
        [
            new PageScript("one.js", bundle.Bundle),
            new PageScript("two.js", bundle.Bundle),
            PageScript.Inline("after.js", "report('api', typeof LavaMoatBundler.runModule(1));"),
        ]);
        Assert.HasCount(1, result.Errors, result.Raw);
        Assert.AreEqual("two.js", result.Errors[0].Script);
        Assert.IsTrue(result.Report("ran").GetBoolean());
        Assert.AreEqual("object", result.ReportString("api"));
    }
}
