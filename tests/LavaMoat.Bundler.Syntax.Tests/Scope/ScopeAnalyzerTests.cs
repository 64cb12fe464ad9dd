using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;
using static LavaMoat.Bundler.Syntax.Tests.Scoping.ScopeTestHelpers;

namespace LavaMoat.Bundler.Syntax.Tests.Scoping;

/// <summary>
/// One rule per test, expectations written from ECMA-262 (section named where it decides). Where eslint-scope 9.1.2
/// answers differently the test says so; the corpus differential (<see cref="EslintScopeDifferentialTests"/>)
/// normalises exactly those differences.
/// </summary>
[TestClass]
public sealed class ScopeAnalyzerTests
{
    // ---- hoisting and the global scope ----

    [TestMethod]
    public void Var_HoistsOutOfBlocksToTheFunction()
    {
        var a = Script("function f() { x; { { var x = 1; } } x; } x;");
        Assert.AreEqual("Var@Function", a.Target("x", 0));
        Assert.AreEqual("Var@Function", a.Target("x", 1)); // the initialising write
        Assert.AreEqual("Var@Function", a.Target("x", 2));
        Assert.AreEqual("x:R", a.Free());
        var f = a.GetScope(a.Program.Body[0])!;
        Assert.AreEqual(ScopeKind.Function, f.Kind);
        Assert.IsNotNull(f.FindVariable("x"));
    }

    [TestMethod]
    public void FunctionDeclaration_IsHoistedAndUsableBeforeItsDeclaration()
    {
        var a = Script("g(); function g() {} function h() { k(); function k() {} }");
        Assert.AreEqual("Function@Global", a.Target("g"));
        Assert.AreEqual("Function@Function", a.Target("k"));
        Assert.AreEqual(string.Empty, a.Free());
    }

    [TestMethod]
    public void ScriptTopLevelDeclarations_AreGlobalScopeBindingsNotFree()
    {
        var a = Script("var v; let l; const c = 1; class K {} function f() {} v; l; c; K; f; undeclared; implicit = 1;");
        Assert.AreEqual("undeclared:R implicit:W", a.Free());
        Assert.AreEqual("v l c K f", string.Join(" ", a.GlobalScope.Variables.Select(v => v.Name)));
        Assert.IsNull(a.ModuleScope);
        Assert.AreSame(a.GlobalScope, a.TopLevelScope);
    }

    [TestMethod]
    public void Module_HasAnEmptyGlobalScopeAndAModuleScope()
    {
        var a = Module("var v; function f() {} v; f; g;");
        Assert.AreEqual("Global >Module >>Function", a.Tree());
        Assert.AreEqual(0, a.GlobalScope.Variables.Count);
        Assert.AreEqual("Var@Module", a.Target("v"));
        Assert.AreEqual("g:R", a.Free());
        Assert.IsTrue(a.ModuleScope!.IsStrict);
    }

    [TestMethod]
    public void VarAndFunctionOfTheSameName_ShareOneBinding()
    {
        var a = Script("function f() { var x; function x() {} x; }");
        var f = a.GetScope(a.Program.Body[0])!;
        var x = f.FindVariable("x")!;
        Assert.AreEqual(VariableKind.Function, x.Kind);
        Assert.AreEqual(2, x.Declarations.Count);
        Assert.AreEqual(1, x.References.Count);
    }

    // ---- lexical declarations, TDZ ----

    [TestMethod]
    public void LetConstClass_AreBlockScoped()
    {
        var a = Script("{ let x; const y = 1; class Z {} x; y; Z; } x; y; Z;");
        Assert.AreEqual("Let@Block", a.Target("x", 0));
        Assert.AreEqual("Const@Block", a.Target("y", 0)); // the initialising write
        Assert.AreEqual("Class@Block", a.Target("Z", 0));
        Assert.AreEqual("x:R y:R Z:R", a.Free());
    }

    [TestMethod]
    public void ReferenceInTheTemporalDeadZone_ResolvesToTheInnerBinding()
    {
        // ECMA-262 14.2.2 BlockDeclarationInstantiation creates x uninitialised for the whole block.
        var a = Script("let x; { x; let x = 1; }");
        Assert.AreEqual("Let@Block", a.Target("x", 0));
        Assert.AreEqual(string.Empty, a.Free());
    }

    [TestMethod]
    public void DeclarationsWithInitialisers_AreInitWrites_AndWithoutNoReference()
    {
        var a = Script("var x = 1, y; let [p, { q = d }] = e;");
        var x = a.Ref("x");
        Assert.AreEqual(ReferenceFlags.Write | ReferenceFlags.Init, x.Flags);
        Assert.IsTrue(x.IsInit);
        Assert.AreEqual(0, a.CountRefs("y"));
        Assert.AreEqual(ReferenceFlags.Write | ReferenceFlags.Init, a.Ref("p").Flags);
        Assert.AreEqual(ReferenceFlags.Write | ReferenceFlags.Init, a.Ref("q").Flags);
        Assert.AreEqual("d:R e:R", a.Free());
    }

    [TestMethod]
    public void UsingDeclarations_AreBlockScoped()
    {
        var a = Module("{ using r = open(); await using s = openAsync(); r; s; } r;");
        Assert.AreEqual("Using@Block", a.Target("r", 1));
        Assert.AreEqual("AwaitUsing@Block", a.Target("s", 1));
        Assert.AreEqual("open:R openAsync:R r:R", a.Free());
    }

    // ---- Annex B function declarations in blocks ----

    [TestMethod]
    public void SloppyBlockFunction_AlsoGetsAVarBinding()
    {
        // ECMA-262 B.3.2.2: the script gets a var f. eslint-scope does not implement Annex B and reports f free.
        var a = Script("{ function f() {} f; } f;");
        Assert.AreEqual("Function@Block", a.Target("f", 0));
        Assert.AreEqual("AnnexBFunction@Global", a.Target("f", 1));
        Assert.AreEqual(string.Empty, a.Free());
        var declaration = ((FunctionDeclaration)((BlockStatement)a.Program.Body[0]).Body[0]).Id!;
        Assert.AreEqual(VariableKind.Function, a.GetDeclaredVariable(declaration)!.Kind);
        Assert.AreSame(declaration, a.GlobalScope.FindVariable("f")!.Declarations[0]);
    }

    [TestMethod]
    public void StrictBlockFunction_IsOnlyBlockScoped()
    {
        Assert.AreEqual("f:R", Script("'use strict'; { function f() {} } f;").Free());
        Assert.AreEqual("f:R", Script("function g() { 'use strict'; { function f() {} } f; }").Free());
        Assert.AreEqual("f:R", Module("{ function f() {} } f;").Free());
    }

    [TestMethod]
    public void SloppyBlockFunction_InAFunction_HoistsToTheFunctionScope()
    {
        var a = Script("function g() { if (c) { function f() {} } f; } f;");
        Assert.AreEqual("AnnexBFunction@Function", a.Target("f", 0));
        Assert.AreEqual("c:R f:R", a.Free());
    }

    [TestMethod]
    public void AnnexB_IsBlockedByAnEnclosingLexicalDeclaration()
    {
        // Replacing the declaration with `var f` would collide with `let f` (B.3.2.1), so no var binding.
        var a = Script("function g() { { let f; { function f() {} } f; } f; }");
        Assert.AreEqual("Let@Block", a.Target("f", 0));
        Assert.AreEqual("free", a.Target("f", 1));

        // A lexical declaration later in the function body blocks it too.
        var b = Script("function g() { { function f() {} } f; let f; }");
        Assert.AreEqual("Let@Function", b.Target("f"));

        // A for-let head is an enclosing lexical declaration.
        var c = Script("for (let f of a) { { function f() {} } } f;");
        Assert.AreEqual("a:R f:R", c.Free());
    }

    [TestMethod]
    public void AnnexB_DoesNotApplyToParameterNames()
    {
        var a = Script("function g(f) { { function f() {} } f; }");
        Assert.AreEqual("Parameter@Function", a.Target("f"));
        Assert.IsNull(a.Scopes.SingleOrDefault(s => s.Variables.Any(v => v.Kind == VariableKind.AnnexBFunction)));
    }

    [TestMethod]
    public void AnnexB_SimpleCatchParameterDoesNotBlock_DestructuredDoes()
    {
        // B.3.4: `var e` may redeclare a simple catch parameter but not a destructured one.
        var simple = Script("function g() { try {} catch (e) { { function e() {} } } e; }");
        Assert.AreEqual("AnnexBFunction@Function", simple.Target("e"));
        var pattern = Script("function g() { try {} catch ([e]) { { function e() {} } } e; }");
        Assert.AreEqual("free", pattern.Target("e"));
    }

    [TestMethod]
    public void AnnexB_CoversIfBodiesSwitchCasesAndLabelledDeclarations_NotGeneratorsOrAsync()
    {
        Assert.AreEqual(string.Empty, Script("if (1) function f() {} f;").Free());
        Assert.AreEqual(string.Empty, Script("if (0) ; else function f() {} f;").Free());
        Assert.AreEqual("x:R", Script("switch (x) { case 1: function f() {} } f;").Free());
        Assert.AreEqual(string.Empty, Script("{ l: function f() {} } f;").Free());
        Assert.AreEqual("f:R", Script("{ function* f() {} } f;").Free());
        Assert.AreEqual("f:R", Script("{ async function f() {} } f;").Free());
    }

    [TestMethod]
    public void AnnexB_OneVarBindingForSeveralBlocks_NestedSameNameIsBlockedByTheOuterBlock()
    {
        var a = Script("{ function f() {} } { function f() {} } f;");
        var f = a.GlobalScope.FindVariable("f")!;
        Assert.AreEqual(VariableKind.AnnexBFunction, f.Kind);
        Assert.AreEqual(2, f.Declarations.Count);

        // The inner `var f` would collide with the outer block's lexical f, so only the outer declaration hoists.
        var b = Script("{ function f() { return 1; } { function f() { return 2; } f; } } f;");
        Assert.AreEqual("Function@Block", b.Target("f", 0));
        Assert.AreSame(b.Scopes.Single(s => s.Kind == ScopeKind.Block && s.Parent!.Kind == ScopeKind.Block), b.Ref("f", 0).Variable!.Scope);
        var hoisted = b.Ref("f", 1).Variable!;
        Assert.AreEqual(VariableKind.AnnexBFunction, hoisted.Kind);
        Assert.AreEqual(1, hoisted.Declarations.Count);
        Assert.AreEqual("{ function ".Length, hoisted.Declarations[0].Start); // the outer declaration
    }

    [TestMethod]
    public void AnnexB_ExistingVarKeepsItsBinding()
    {
        var a = Script("function g() { var f; { function f() {} } f; }");
        Assert.AreEqual("Var@Function", a.Target("f"));
    }

    // ---- functions and parameters ----

    [TestMethod]
    public void Parameters_AreFunctionScoped_AndDefaultsSeeEarlierParameters()
    {
        var a = Script("function f(a, b = a, { c } = b, ...d) { a; c; d; }");
        Assert.AreEqual("Parameter@Function", a.Target("a", 0));
        Assert.AreEqual("Parameter@Function", a.Target("b", 0));
        Assert.AreEqual(string.Empty, a.Free());
        Assert.AreEqual(ReferenceFlags.Write | ReferenceFlags.Init, a.Ref("b").Flags); // b's own default initialises it
    }

    [TestMethod]
    public void ParameterDefaults_DoNotSeeTheBodysDeclarations()
    {
        // FunctionDeclarationInstantiation step 28: with parameter expressions the body's vars live in a separate environment.
        Assert.AreEqual("b:R", Script("function f(a = b) { var b; }").Free());
        Assert.AreEqual("g:R", Script("function f(a = g()) { function g() {} }").Free());
        Assert.AreEqual("c:R", Script("function f(a = () => c) { let c; }").Free());

        // A var that redeclares a parameter is that parameter.
        var a = Script("function f(x = 1, y = x) { var x; x; }");
        Assert.AreEqual("Parameter@Function", a.Target("x", 1));
        Assert.AreEqual("Parameter@Function", a.Target("x", 2));
    }

    [TestMethod]
    public void Arguments_IsImplicitInFunctions_NotArrowsOrTheTopLevel()
    {
        var a = Script("function f() { arguments; return () => arguments; } arguments; () => arguments;");
        Assert.AreEqual("ImplicitArguments@Function", a.Target("arguments", 0));
        var inArrow = a.Ref("arguments", 1);
        Assert.AreEqual(ScopeKind.Function, inArrow.Scope.Kind);
        Assert.AreSame(a.Ref("arguments", 0).Variable, inArrow.Variable);
        Assert.AreEqual("arguments:R", a.Free());
        Assert.AreEqual(2, a.FreeReferences.Count);
    }

    [TestMethod]
    public void Arguments_DeclaredExplicitly_IsThatDeclaration()
    {
        Assert.AreEqual("Parameter@Function", Script("function f(arguments) { arguments; }").Target("arguments"));
        Assert.AreEqual("Var@Function", Script("function f() { var arguments; arguments; }").Target("arguments"));
    }

    [TestMethod]
    public void NamedFunctionExpression_BindsItsNameInItsOwnScope()
    {
        var a = Script("var f = function g() { g; }; g;");
        Assert.AreEqual("FunctionExpressionName@FunctionExpressionName", a.Target("g", 0));
        Assert.AreEqual("g:R", a.Free());
        Assert.AreEqual("Global >FunctionExpressionName >>Function", a.Tree());
        var expression = (FunctionExpression)((VariableDeclaration)a.Program.Body[0]).Declarations[0].Init!;
        Assert.AreEqual(ScopeKind.Function, a.GetScope(expression)!.Kind);
        Assert.AreEqual(ScopeKind.FunctionExpressionName, a.GetScope(expression)!.Parent!.Kind);
    }

    [TestMethod]
    public void FunctionBody_SharesTheFunctionScope_NoExtraBlock()
    {
        Assert.AreEqual("Global >Function >>Block", Script("function f() { let x; { let y; } }").Tree());
        Assert.AreEqual("Global >Function", Script("(a) => a + 1").Tree());
    }

    // ---- catch ----

    [TestMethod]
    public void CatchParameter_IsScopedToTheCatchClause()
    {
        var a = Script("try {} catch (e) { e; } e;");
        Assert.AreEqual("CatchParameter@Catch", a.Target("e", 0));
        Assert.AreEqual("e:R", a.Free());
        Assert.AreEqual("Global >Block >Catch >>Block", a.Tree());
        Assert.AreEqual("b:R", Script("try {} catch ({ a = b }) { a; }").Free());
        Assert.AreEqual(string.Empty, Script("try {} catch { }").Free());
    }

    [TestMethod]
    public void VarInACatchBlock_HoistsButItsInitialiserWritesTheCatchParameter()
    {
        // B.3.4: `var e = 1` in `catch (e)` declares a function-level e but assigns the catch parameter.
        var a = Script("function f() { try {} catch (e) { var e = 1; } e; }");
        Assert.AreEqual("CatchParameter@Catch", a.Target("e", 0));
        Assert.AreEqual("Var@Function", a.Target("e", 1));
    }

    // ---- classes ----

    [TestMethod]
    public void ClassName_HasAnInnerBinding_AndDeclarationsAnOuterOne()
    {
        var a = Script("class A { m() { return A; } } A; var B = class C { n() { C; } }; C;");
        Assert.AreEqual("ClassName@Class", a.Target("A", 0));
        Assert.AreEqual("Class@Global", a.Target("A", 1));
        Assert.AreEqual("ClassName@Class", a.Target("C", 0));
        Assert.AreEqual("C:R", a.Free());
    }

    [TestMethod]
    public void ClassHeritage_IsEvaluatedInTheClassScope()
    {
        // ClassDefinitionEvaluation: the heritage runs with the class binding in its TDZ.
        Assert.AreEqual("ClassName@Class", Script("(class A extends A {})").Target("A"));
        Assert.AreEqual("B:R", Script("class A extends B {}").Free());
    }

    [TestMethod]
    public void ClassMembers_ComputedKeysAreReferences_FieldInitialisersAndStaticBlocksGetScopes()
    {
        var a = Script("class C { [k] = v; static s = () => this; #p = 1; static { var w; w; x; } m() { return #p in this && this.#p; } get [g]() {} }");
        Assert.AreEqual("k:R v:R x:R g:R", a.Free());
        Assert.AreEqual("Global >Class >>ClassFieldInitializer >>ClassFieldInitializer >>>Function >>ClassFieldInitializer >>ClassStaticBlock >>Function >>Function", a.Tree());
        Assert.AreEqual("Var@ClassStaticBlock", a.Target("w"));
        Assert.AreEqual(0, a.CountRefs("p"));
        var staticBlock = a.Scopes.Single(s => s.Kind == ScopeKind.ClassStaticBlock);
        Assert.AreSame(staticBlock, staticBlock.VariableScope);
        Assert.IsTrue(a.Scopes.Where(s => s.Kind != ScopeKind.Global).All(s => s.IsStrict));
    }

    [TestMethod]
    public void ClassStaticBlockVar_DoesNotLeak()
    {
        Assert.AreEqual("v:R", Script("class C { static { var v; } } v;").Free());
    }

    // ---- modules ----

    [TestMethod]
    public void Imports_AreModuleBindings()
    {
        var a = Module("import d, { x, y as z } from 'm'; import * as ns from 'n'; d; x; z; ns.q; y;");
        Assert.AreEqual("Import@Module", a.Target("d"));
        Assert.AreEqual("Import@Module", a.Target("z"));
        Assert.AreEqual("Import@Module", a.Target("ns"));
        Assert.AreEqual("y:R", a.Free());
        Assert.AreEqual(0, a.CountRefs("q"));
        var z = a.ModuleScope!.FindVariable("z")!;
        Assert.AreEqual(1, z.References.Count);
        Assert.AreEqual("import d, { ".Length, a.ModuleScope.FindVariable("x")!.Declarations[0].Start);
    }

    [TestMethod]
    public void ReadOnlyBindings_AreFlagged_AndWritesToThemStillResolve()
    {
        // Assigning an import or a const is a run-time TypeError, not a new global: the write resolves to the binding.
        var a = Module("import x from 'm'; const c = 1; let l; class K { m() { K = 1; } } x = 1; c++; l = 2;");
        Assert.AreEqual(string.Empty, a.Free());
        Assert.AreEqual(ReferenceFlags.Write, a.Ref("x").Flags);
        Assert.IsTrue(a.Ref("x").Variable!.IsReadOnly);
        Assert.IsTrue(a.Ref("c", 1).Variable!.IsReadOnly);
        Assert.IsTrue(a.Ref("K").Variable!.IsReadOnly);
        Assert.IsFalse(a.Ref("l").Variable!.IsReadOnly);
        var specifier = (ImportDefaultSpecifier)((ImportDeclaration)a.Program.Body[0]).Specifiers[0];
        Assert.AreSame(a.Ref("x").Variable, a.GetDeclaredVariable(specifier.Local));
    }

    [TestMethod]
    public void GetScope_MapsEachScopeCreatingNode()
    {
        var a = Script("class C { f = 1; static { } } try { } catch (e) { } with (o) ; switch (s) { } for (let i of j) ;");
        foreach (var scope in a.Scopes)
        {
            Assert.AreSame(scope, a.GetScope(scope.Node), scope.ToString());
        }

        var classBody = ((ClassDeclaration)a.Program.Body[0]).Body;
        Assert.AreEqual(ScopeKind.ClassFieldInitializer, a.GetScope(classBody.Body[0])!.Kind);
        Assert.AreEqual(ScopeKind.ClassStaticBlock, a.GetScope(classBody.Body[1])!.Kind);
        Assert.IsNull(a.GetScope(classBody));
        Assert.AreEqual(
            "Global >Class >>ClassFieldInitializer >>ClassStaticBlock >Block >Catch >>Block >With >Switch >For",
            a.Tree());
    }

    [TestMethod]
    public void Exports_LocalSpecifiersAreReads_ReExportsAreNot()
    {
        var a = Module("let x; export { x as y, x }; export { a } from 'm'; export * as ns from 'n'; export default u;");
        Assert.AreEqual(2, a.CountRefs("x"));
        Assert.AreEqual(ReferenceFlags.Read, a.Ref("x").Flags);
        Assert.AreEqual(0, a.CountRefs("a"));
        Assert.AreEqual(0, a.CountRefs("y"));
        Assert.AreEqual("u:R", a.Free());
    }

    [TestMethod]
    public void ExportDefaultDeclarations_DeclareTheirNames()
    {
        Assert.AreEqual(string.Empty, Module("export default function f() {} f;").Free());
        Assert.AreEqual(string.Empty, Module("export default class C {} C;").Free());
        Assert.AreEqual("g:R", Module("export default function () { g; }").Free());
        Assert.AreEqual(string.Empty, Module("export const c = 1, { d } = {}; export function h() { c; d; }").Free());
    }

    [TestMethod]
    public void MetaPropertiesThisAndSuper_AreNotReferences()
    {
        var a = Module("import.meta.url; class A extends B { constructor() { super(); new.target; this; super.m(); } }");
        Assert.AreEqual("B:R", a.Free());
        Assert.AreEqual(1, a.References.Count);
    }

    [TestMethod]
    public void DynamicImport_ItsArgumentsAreReferences()
    {
        Assert.AreEqual("spec:R opts:R", Module("import(spec, opts);").Free());
    }

    // ---- with / eval ----

    [TestMethod]
    public void With_MakesItsScopeDynamic_FreeNamesStayFree_BoundNamesAreDynamic()
    {
        var a = Script("var x; with (o) { x; y; var z = 1; }");
        Assert.AreEqual("o:R y:R", a.Free());
        var x = a.Ref("x");
        Assert.AreEqual("Var@Global", x.Target());
        Assert.IsTrue(x.IsDynamic);
        Assert.IsTrue(a.Ref("y").IsDynamic);
        Assert.IsFalse(a.Ref("o").IsDynamic);
        Assert.AreEqual("Var@Global", a.Target("z"));
        var with = a.Scopes.Single(s => s.Kind == ScopeKind.With);
        Assert.IsTrue(with.IsDynamic);
        Assert.IsFalse(a.GlobalScope.IsDynamic);
    }

    [TestMethod]
    public void DirectEvalInSloppyCode_MakesTheVarScopeDynamic()
    {
        var a = Script("function f() { var a; { eval(s); } a; b; function g() { a; } }");
        var f = a.GetScope(a.Program.Body[0])!;
        Assert.IsTrue(f.IsDynamic);
        Assert.IsFalse(a.GlobalScope.IsDynamic);
        Assert.IsFalse(f.Children[0].IsDynamic); // eval's vars go to the var scope, not the block
        Assert.AreEqual("eval:R s:R b:R", a.Free());
        Assert.AreEqual("Var@Function", a.Target("a", 0));
        Assert.IsFalse(a.Ref("a", 0).IsDynamic);  // resolved in the dynamic scope itself
        Assert.IsTrue(a.Ref("b").IsDynamic);      // passed through it: an eval'd `var b` would capture it
        Assert.IsFalse(a.Ref("a", 1).IsDynamic);  // g's own scope is static; a resolves in f
    }

    [TestMethod]
    public void StrictOrOptionalOrIndirectEval_IsNotDynamic()
    {
        Assert.IsFalse(Script("function f() { 'use strict'; eval(s); }").Scopes[1].IsDynamic);
        Assert.IsFalse(Module("eval(s);").ModuleScope!.IsDynamic);
        Assert.IsFalse(Script("function f() { eval?.(s); }").Scopes[1].IsDynamic);
        Assert.IsFalse(Script("function f() { (0, eval)(s); window.eval(s); }").Scopes[1].IsDynamic);
        Assert.IsTrue(Script("eval(s);").GlobalScope.IsDynamic);
    }

    // ---- read/write flags ----

    [TestMethod]
    public void Assignments_SetReadWriteFlags()
    {
        var a = Script("w = 1; c += 1; l ||= 1; n ??= 1; m &&= 1; e **= 2; u++; --v; typeof t; delete d; x = y = z;");
        Assert.AreEqual("w:W c:RW l:RW n:RW m:RW e:RW u:RW v:RW t:R d:R x:W y:W z:R", a.Free());
        Assert.IsFalse(a.Ref("w").IsInit);
    }

    [TestMethod]
    public void Destructuring_TargetsAreWrites_DefaultsAndKeysAreReads()
    {
        var a = Script("[a, , b = d1, ...r] = s1; ({ p: q, k, ['c' + ck]: cv, j = d2, o: { n }, ...rest } = s2);");
        Assert.AreEqual("a:W b:W d1:R r:W s1:R q:W k:W ck:R cv:W j:W d2:R n:W rest:W s2:R", a.Free());
    }

    [TestMethod]
    public void MemberTargets_ReadTheirObjectAndComputedKey()
    {
        Assert.AreEqual("o:R p:R k:R q:R", Script("o.x = 1; p[k] = 2; q.y++; [o.z] = []; ({ a: o.w } = {});").Free());
    }

    [TestMethod]
    public void ForInOfHeads_AreWrites()
    {
        var a = Script("for (x in o1); for (y of o2); for ([a, b] of o3); for (m.p in o4); for (var v in o5); for (let w of o6);");
        Assert.AreEqual("x:W o1:R y:W o2:R a:W b:W o3:R m:R o4:R o5:R o6:R", a.Free());
        Assert.AreEqual(ReferenceFlags.Write | ReferenceFlags.Init, a.Ref("v").Flags);
        Assert.AreEqual(ReferenceFlags.Write | ReferenceFlags.Init, a.Ref("w").Flags);
    }

    [TestMethod]
    public void Shorthand_IsAReadInLiteralsAndAWriteInPatterns()
    {
        Assert.AreEqual("x:R", Script("({ x });").Free());
        Assert.AreEqual("y:W o:R", Script("({ y } = o);").Free());
        Assert.AreEqual("z:W d:R o:R", Script("({ z = d } = o);").Free());
    }

    // ---- names that are not references ----

    [TestMethod]
    public void Labels_AreNotReferences()
    {
        var a = Script("l: for (;;) { break l; continue l; } m: { break m; }");
        Assert.AreEqual(0, a.References.Count);
    }

    [TestMethod]
    public void PropertyKeysAndMemberNames_AreNotReferences_ComputedOnesAre()
    {
        var a = Script("({ a: 1, b() {}, get c() {}, [d]: 2, [e]() {} }); o.f; o[g]; o?.h; o?.[i];");
        Assert.AreEqual("d:R e:R o:R g:R i:R", a.Free());
    }

    // ---- loops and switch ----

    [TestMethod]
    public void ForLet_GetsAForScope_ClosuresCaptureTheIterationBinding()
    {
        var a = Script("for (let i = 0; i < n; i++) { fs.push(() => i); } i;");
        Assert.AreEqual("Let@For", a.Target("i", 3));
        Assert.AreEqual("n:R fs:R i:R", a.Free());
        Assert.AreEqual("Global >For >>Block >>>Function", a.Tree());
        Assert.AreEqual("Global", Script("for (var i = 0; ;) ;").Tree());
    }

    [TestMethod]
    public void ForInOfLet_RightHandSideSeesTheHeadBinding()
    {
        // ForIn/OfHeadEvaluation evaluates the expression in a TDZ scope holding the bound names.
        var a = Script("for (let x of x) ; for (const k in o) k;");
        Assert.AreEqual("Let@For", a.Target("x", 1));
        Assert.AreEqual("Const@For", a.Target("k", 1));
        Assert.AreEqual("o:R", a.Free());
    }

    [TestMethod]
    public void Switch_CasesShareOneScope_DiscriminantIsOutside()
    {
        var a = Script("let d; switch (d) { case 1: let b = 1; break; default: b; } b;");
        Assert.AreEqual("Let@Global", a.Target("d", 0));
        Assert.AreEqual("Let@Switch", a.Target("b", 1));
        Assert.AreEqual("b:R", a.Free());
        Assert.AreEqual("Global >Switch", a.Tree());
    }

    // ---- strictness ----

    [TestMethod]
    public void Strictness_ComesFromDirectivesModulesAndClasses()
    {
        var a = Script("function s() { 'use strict'; function inner() {} } function n() {} class C { m() {} }");
        var scopes = a.Scopes;
        Assert.IsFalse(a.GlobalScope.IsStrict);
        Assert.IsTrue(scopes.Single(s => s.Node is FunctionDeclaration { Id.Name: "s" }).IsStrict);
        Assert.IsTrue(scopes.Single(s => s.Node is FunctionDeclaration { Id.Name: "inner" }).IsStrict);
        Assert.IsFalse(scopes.Single(s => s.Node is FunctionDeclaration { Id.Name: "n" }).IsStrict);
        Assert.IsTrue(scopes.Single(s => s.Kind == ScopeKind.Class).IsStrict);
        Assert.IsTrue(Script("'use strict'; x;").GlobalScope.IsStrict);
        Assert.IsFalse(Script("'use\\x20strict'; x;").GlobalScope.IsStrict);
    }

    // ---- result shape ----

    [TestMethod]
    public void FreeNames_GroupReferencesInOrderOfFirstOccurrence()
    {
        var a = Script("b; a; b = 1; function f() { a++; }");
        Assert.AreEqual("b:RW a:RW", a.Free());
        Assert.AreEqual(2, a.FreeNames[0].References.Count);
        Assert.AreEqual(4, a.FreeReferences.Count);
        Assert.IsTrue(a.FreeReferences.Zip(a.FreeReferences.Skip(1)).All(p => p.First.Identifier.Start < p.Second.Identifier.Start));
    }

    [TestMethod]
    public void References_AreInSourceOrder_AndListedOnTheirScopeAndVariable()
    {
        var a = Script("var x = y; function f(p = x) { x = p; { x; } }");
        Assert.IsTrue(a.References.Zip(a.References.Skip(1)).All(p => p.First.Identifier.Start < p.Second.Identifier.Start));
        var x = a.GlobalScope.FindVariable("x")!;
        Assert.AreEqual(4, x.References.Count);
        Assert.IsTrue(x.References.Zip(x.References.Skip(1)).All(p => p.First.Identifier.Start < p.Second.Identifier.Start));
        var block = a.Scopes.Single(s => s.Kind == ScopeKind.Block);
        Assert.AreEqual(1, block.References.Count);
        Assert.AreSame(block, block.References[0].Scope);
        Assert.AreSame(a.References[0], a.GetReference(a.References[0].Identifier));
    }

    [TestMethod]
    public void Lookup_WalksTheStaticChain()
    {
        var a = Script("var x; function f() { let y; { z; } }");
        var block = a.Scopes.Single(s => s.Kind == ScopeKind.Block);
        Assert.AreEqual(VariableKind.Let, block.Lookup("y")!.Kind);
        Assert.AreEqual(VariableKind.Var, block.Lookup("x")!.Kind);
        Assert.IsNull(block.Lookup("z"));
        Assert.IsNull(block.FindVariable("y"));
    }

    [TestMethod]
    public void ManyDeclarations_InOneScope_StillResolve()
    {
        var names = Enumerable.Range(0, 50).Select(i => "v" + i).ToArray();
        var a = Script("var " + string.Join(", ", names) + "; " + string.Join("; ", names.Reverse()) + "; w;");
        Assert.AreEqual("w:R", a.Free());
        Assert.AreEqual(50, a.GlobalScope.Variables.Count);
        Assert.AreEqual(VariableKind.Var, a.GlobalScope.FindVariable("v17")!.Kind);
    }

    [TestMethod]
    public void DeepTrees_FailCleanlyOrSucceed_WithoutOverflowingTheStack()
    {
        // Built by hand: the parser caps nesting, but a tree from elsewhere may not be.
        Expression expression = new Identifier("x");
        for (var i = 0; i < 200_000; i++)
        {
            expression = new ArrayExpression(new NodeList<Node?>(new Node?[] { expression }));
        }

        var program = new Program(new NodeList<Statement>(new Statement[] { new ExpressionStatement(expression, null) }), SourceType.Script);
        try
        {
            var analysis = Infrastructure.ParseRunner.OnParseThread(() => ScopeAnalyzer.Analyze(program), TimeSpan.FromSeconds(30));
            Assert.AreEqual("x:R", analysis.Free());
        }
        catch (SyntaxErrorException error)
        {
            StringAssert.Contains(error.Message, "too deep", StringComparison.Ordinal);
        }
    }
}
