using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>
/// Builds the scopes of a program and resolves every identifier reference to its binding or marks it free.
/// </summary>
/// <remarks>
/// One walk in source order records scopes, declarations (hoisted ones included) and references; then each
/// reference is resolved by walking out from the scope it occurs in, when every binding is known. What no scope
/// declares is free.
/// </remarks>
public static class ScopeAnalyzer
{
    public static ScopeAnalysis Analyze(Program program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new Walker().Run(program);
    }

    private sealed class Walker
    {
        private readonly List<Scope> _scopes = [];
        private readonly List<Reference> _references = [];
        private Scope _current = null!;

        public ScopeAnalysis Run(Program program)
        {
            var isModule = program.SourceType == SourceType.Module;
            var global = Open(ScopeKind.Global, program, isModule || program.IsStrict);
            Scope? module = null;
            if (isModule)
            {
                module = Open(ScopeKind.Module, program, isStrict: true);
            }

            foreach (var statement in program.Body)
            {
                Visit(statement);
            }

            if (module is not null)
            {
                Close(module);
            }

            Close(global);

            foreach (var reference in _references)
            {
                ResolveReference(reference);
            }

            // The walk visits children in source order, so this holds; sorting keeps the promise if a form ever breaks it.
            if (!IsInSourceOrder(_references))
            {
                _references.Sort(static (a, b) => a.Identifier.Start.CompareTo(b.Identifier.Start));
            }

            var free = new List<Reference>();
            foreach (var reference in _references)
            {
                if (reference.Variable is { } variable)
                {
                    variable.AddReference(reference);
                }
                else
                {
                    free.Add(reference);
                }
            }

            return new ScopeAnalysis(program, global, module, _scopes, _references, free, GroupByName(free));
        }

        private static bool IsInSourceOrder(List<Reference> references)
        {
            for (var i = 1; i < references.Count; i++)
            {
                if (references[i - 1].Identifier.Start > references[i].Identifier.Start)
                {
                    return false;
                }
            }

            return true;
        }

        private static List<FreeName> GroupByName(List<Reference> free)
        {
            var names = new List<FreeName>();
            if (free.Count == 0)
            {
                return names;
            }

            var groups = new Dictionary<string, List<Reference>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var reference in free)
            {
                if (!groups.TryGetValue(reference.Name, out var list))
                {
                    list = [];
                    groups.Add(reference.Name, list);
                    order.Add(reference.Name);
                }

                list.Add(reference);
            }

            foreach (var name in order)
            {
                var list = groups[name];
                bool read = false, written = false;
                foreach (var reference in list)
                {
                    read |= reference.IsRead;
                    written |= reference.IsWrite;
                }

                names.Add(new FreeName(name, list, read, written));
            }

            return names;
        }

        // ---- scopes ----

        private Scope Open(ScopeKind kind, Node node, bool isStrict, int bodyStart = -1, bool isArrow = false)
        {
            var scope = new Scope(kind, node, kind == ScopeKind.Global ? null : _current, isStrict)
            {
                BodyStart = bodyStart,
                IsArrowFunction = isArrow,
            };
            _scopes.Add(scope);
            _current = scope;
            return scope;
        }

        private void Close(Scope scope)
        {
            // The var scope's subtree is complete here, so every declaration that could block Annex B is known.
            if (scope.AnnexBCandidates is { } candidates)
            {
                DeclareAnnexBFunctions(scope, candidates);
                scope.AnnexBCandidates = null;
            }

            _current = scope.Parent!;
        }

        /// <summary>Resolves one reference by walking out from its scope; runs after the walk, when all bindings are known.</summary>
        private static void ResolveReference(Reference reference)
        {
            for (var scope = reference.Scope; scope is not null; scope = scope.Parent)
            {
                if (Resolve(scope, reference) is { } variable)
                {
                    reference.Variable = variable;
                    return;
                }

                if (scope.IsDynamic)
                {
                    reference.IsDynamic = true;
                }
            }
        }

        private static Variable? Resolve(Scope scope, Reference reference)
        {
            var variable = scope.FindVariable(reference.Name);
            if (scope.Kind != ScopeKind.Function)
            {
                return variable;
            }

            if (variable is not null)
            {
                // With parameter expressions the body's declarations live in an environment the parameter list cannot
                // see (ECMA-262 FunctionDeclarationInstantiation step 28), so a parameter-list reference skips them.
                if (reference.Identifier.Start < scope.BodyStart && !variable.IsParameter && variable.Kind != VariableKind.ImplicitArguments)
                {
                    return null;
                }

                return variable;
            }

            if (!scope.IsArrowFunction && string.Equals(reference.Name, "arguments", StringComparison.Ordinal))
            {
                return scope.Declare("arguments", VariableKind.ImplicitArguments);
            }

            return null;
        }

        /// <summary>
        /// ECMA-262 B.3.2.1/B.3.2.2: a sloppy block-level function also gets a var binding in the function or script
        /// scope when a <c>var</c> of its name there would not be an early error and it does not name a parameter.
        /// Decided when the var scope ends, because the conflicting declarations may come later in the source.
        /// </summary>
        private static void DeclareAnnexBFunctions(Scope varScope, List<AnnexBCandidate> candidates)
        {
            foreach (var (identifier, from) in candidates)
            {
                var name = identifier.Name;
                if (ConflictsOnTheWay(name, from, varScope))
                {
                    continue;
                }

                var existing = varScope.FindVariable(name);
                if (existing is null)
                {
                    if (varScope.Kind == ScopeKind.Function && string.Equals(name, "arguments", StringComparison.Ordinal))
                    {
                        // The spec skips the binding for "arguments": the function's arguments object keeps the name.
                        continue;
                    }

                    varScope.Declare(name, VariableKind.AnnexBFunction).AddDeclaration(identifier, VariableKind.AnnexBFunction);
                }
                else if (existing.Kind == VariableKind.AnnexBFunction)
                {
                    existing.AddDeclaration(identifier, VariableKind.AnnexBFunction);
                }

                // Otherwise a var, function or parameter of that name already exists (the function's value is copied
                // into it at run time, resolution is unchanged), or a lexical declaration forbids the var.
            }
        }

        private static bool ConflictsOnTheWay(string name, Scope from, Scope varScope)
        {
            for (var scope = from; scope != varScope; scope = scope.Parent!)
            {
                if (scope.FindVariable(name) is { } variable)
                {
                    // B.3.4: a var may redeclare a simple catch parameter, not a destructured one.
                    var isSimpleCatchParameter = variable.Kind == VariableKind.CatchParameter
                        && ((CatchClause)scope.Node).Param is Identifier;
                    if (!isSimpleCatchParameter)
                    {
                        return true;
                    }
                }
            }

            if (varScope.FindVariable(name) is { } top)
            {
                return top.IsLexical || (top.IsParameter && varScope.Kind == ScopeKind.Function);
            }

            return false;
        }

        private static Variable Declare(Scope scope, Identifier identifier, VariableKind kind)
        {
            var variable = scope.FindVariable(identifier.Name) ?? scope.Declare(identifier.Name, kind);
            variable.AddDeclaration(identifier, kind);
            return variable;
        }

        private void AddReference(Identifier identifier, ReferenceFlags flags)
        {
            var reference = new Reference(identifier, _current, flags);
            _current.AddReference(reference);
            _references.Add(reference);
        }

        // ---- nodes ----

        private void Visit(Node? node)
        {
            if (node is null)
            {
                return;
            }

            // Trees are as deep as the parser allowed; this keeps the walk from overflowing where the parser did not.
            StackGuard.Ensure(node);

            switch (node.Type)
            {
                case NodeType.Identifier:
                    AddReference((Identifier)node, ReferenceFlags.Read);
                    break;

                // Statements.
                case NodeType.EmptyStatement:
                case NodeType.DebuggerStatement:
                case NodeType.BreakStatement: // labels are not bindings
                case NodeType.ContinueStatement:
                    break;
                case NodeType.ExpressionStatement:
                    Visit(((ExpressionStatement)node).Expression);
                    break;
                case NodeType.BlockStatement:
                    VisitBlock((BlockStatement)node);
                    break;
                case NodeType.IfStatement:
                    VisitIf((IfStatement)node);
                    break;
                case NodeType.LabeledStatement:
                    Visit(((LabeledStatement)node).Body);
                    break;
                case NodeType.WithStatement:
                    VisitWith((WithStatement)node);
                    break;
                case NodeType.SwitchStatement:
                    VisitSwitch((SwitchStatement)node);
                    break;
                case NodeType.ReturnStatement:
                    Visit(((ReturnStatement)node).Argument);
                    break;
                case NodeType.ThrowStatement:
                    Visit(((ThrowStatement)node).Argument);
                    break;
                case NodeType.TryStatement:
                    VisitTry((TryStatement)node);
                    break;
                case NodeType.WhileStatement:
                    var whileStatement = (WhileStatement)node;
                    Visit(whileStatement.Test);
                    Visit(whileStatement.Body);
                    break;
                case NodeType.DoWhileStatement:
                    var doWhile = (DoWhileStatement)node;
                    Visit(doWhile.Body);
                    Visit(doWhile.Test);
                    break;
                case NodeType.ForStatement:
                    VisitFor((ForStatement)node);
                    break;
                case NodeType.ForInStatement:
                    var forIn = (ForInStatement)node;
                    VisitForInOf(forIn, forIn.Left, forIn.Right, forIn.Body);
                    break;
                case NodeType.ForOfStatement:
                    var forOf = (ForOfStatement)node;
                    VisitForInOf(forOf, forOf.Left, forOf.Right, forOf.Body);
                    break;
                case NodeType.FunctionDeclaration:
                    VisitFunctionDeclaration((FunctionDeclaration)node);
                    break;
                case NodeType.VariableDeclaration:
                    VisitVariableDeclaration((VariableDeclaration)node, isLoopHead: false);
                    break;
                case NodeType.ClassDeclaration:
                    var classDeclaration = (ClassDeclaration)node;
                    VisitClass(classDeclaration, classDeclaration.Id, classDeclaration.SuperClass, classDeclaration.Body, isDeclaration: true);
                    break;

                // Modules.
                case NodeType.ImportDeclaration:
                    VisitImport((ImportDeclaration)node);
                    break;
                case NodeType.ExportNamedDeclaration:
                    VisitExportNamed((ExportNamedDeclaration)node);
                    break;
                case NodeType.ExportDefaultDeclaration:
                    // A function or class declaration, possibly anonymous, or an expression.
                    Visit(((ExportDefaultDeclaration)node).Declaration);
                    break;
                case NodeType.ExportAllDeclaration: // only a source and an exported name: no local bindings
                    break;

                // Expressions.
                case NodeType.PrivateIdentifier: // #x names a class member, not a binding (also the left of #x in o)
                case NodeType.Literal:
                case NodeType.ThisExpression:
                case NodeType.Super:
                case NodeType.MetaProperty: // new.target, import.meta
                case NodeType.TemplateElement:
                    break;
                case NodeType.ArrayExpression:
                    foreach (var element in ((ArrayExpression)node).Elements)
                    {
                        Visit(element);
                    }

                    break;
                case NodeType.ObjectExpression:
                    foreach (var property in ((ObjectExpression)node).Properties)
                    {
                        Visit(property);
                    }

                    break;
                case NodeType.Property:
                    // In an object literal. A shorthand's value is its own Identifier node: a read of the name.
                    var objectProperty = (Property)node;
                    if (objectProperty.IsComputed)
                    {
                        Visit(objectProperty.Key);
                    }

                    Visit(objectProperty.Value);
                    break;
                case NodeType.FunctionExpression:
                    var functionExpression = (FunctionExpression)node;
                    VisitFunction(functionExpression, functionExpression.Id, functionExpression.Params, functionExpression.Body, isArrow: false);
                    break;
                case NodeType.ArrowFunctionExpression:
                    var arrow = (ArrowFunctionExpression)node;
                    VisitFunction(arrow, null, arrow.Params, arrow.Body, isArrow: true);
                    break;
                case NodeType.ClassExpression:
                    var classExpression = (ClassExpression)node;
                    VisitClass(classExpression, classExpression.Id, classExpression.SuperClass, classExpression.Body, isDeclaration: false);
                    break;
                case NodeType.TemplateLiteral:
                    foreach (var expression in ((TemplateLiteral)node).Expressions)
                    {
                        Visit(expression);
                    }

                    break;
                case NodeType.TaggedTemplateExpression:
                    var tagged = (TaggedTemplateExpression)node;
                    Visit(tagged.Tag);
                    Visit(tagged.Quasi);
                    break;
                case NodeType.UnaryExpression: // typeof x and delete x read x
                    Visit(((UnaryExpression)node).Argument);
                    break;
                case NodeType.UpdateExpression:
                    VisitAssignmentTarget(((UpdateExpression)node).Argument, ReferenceFlags.Read | ReferenceFlags.Write);
                    break;
                case NodeType.BinaryExpression:
                    var binary = (BinaryExpression)node;
                    Visit(binary.Left);
                    Visit(binary.Right);
                    break;
                case NodeType.LogicalExpression:
                    var logical = (LogicalExpression)node;
                    Visit(logical.Left);
                    Visit(logical.Right);
                    break;
                case NodeType.AssignmentExpression:
                    var assignment = (AssignmentExpression)node;

                    // Compound and logical assignments (+=, ||=, ...) read the target first.
                    VisitAssignmentTarget(
                        assignment.Left,
                        assignment.Operator == AssignmentOperator.Assign ? ReferenceFlags.Write : ReferenceFlags.Read | ReferenceFlags.Write);
                    Visit(assignment.Right);
                    break;
                case NodeType.ConditionalExpression:
                    var conditional = (ConditionalExpression)node;
                    Visit(conditional.Test);
                    Visit(conditional.Consequent);
                    Visit(conditional.Alternate);
                    break;
                case NodeType.CallExpression:
                    VisitCall((CallExpression)node);
                    break;
                case NodeType.NewExpression:
                    var newExpression = (NewExpression)node;
                    Visit(newExpression.Callee);
                    foreach (var argument in newExpression.Arguments)
                    {
                        Visit(argument);
                    }

                    break;
                case NodeType.MemberExpression:
                    VisitMember((MemberExpression)node);
                    break;
                case NodeType.ChainExpression:
                    Visit(((ChainExpression)node).Expression);
                    break;
                case NodeType.SequenceExpression:
                    foreach (var expression in ((SequenceExpression)node).Expressions)
                    {
                        Visit(expression);
                    }

                    break;
                case NodeType.YieldExpression:
                    Visit(((YieldExpression)node).Argument);
                    break;
                case NodeType.AwaitExpression:
                    Visit(((AwaitExpression)node).Argument);
                    break;
                case NodeType.ImportExpression:
                    var import = (ImportExpression)node;
                    Visit(import.Source);
                    Visit(import.Options);
                    break;
                case NodeType.SpreadElement:
                    Visit(((SpreadElement)node).Argument);
                    break;

                // Patterns reach here only as assignment targets.
                case NodeType.ObjectPattern:
                case NodeType.ArrayPattern:
                case NodeType.AssignmentPattern:
                case NodeType.RestElement:
                    VisitAssignmentTarget(node, ReferenceFlags.Write);
                    break;

                default:
                    // Program, SwitchCase, CatchClause, VariableDeclarator, ClassBody, members and specifiers are
                    // handled by their parents.
                    throw new InvalidOperationException($"Unexpected {node.Type} in scope analysis.");
            }
        }

        private void VisitStatements(NodeList<Statement> statements)
        {
            foreach (var statement in statements)
            {
                Visit(statement);
            }
        }

        private void VisitBlock(BlockStatement block)
        {
            var scope = Open(ScopeKind.Block, block, _current.IsStrict);
            VisitStatements(block.Body);
            Close(scope);
        }

        private void VisitIf(IfStatement node)
        {
            Visit(node.Test);
            VisitIfBranch(node.Consequent);
            VisitIfBranch(node.Alternate);
        }

        private void VisitIfBranch(Statement? branch)
        {
            if (branch is FunctionDeclaration { Id: { } id } function)
            {
                // Annex B.3.3 (sloppy only): `if (c) function f() {}` behaves as if the declaration were wrapped in a
                // block. That block would hold nothing else, so only its Annex B var binding is observable.
                if (IsAnnexBFunction(function))
                {
                    (_current.VariableScope.AnnexBCandidates ??= []).Add(new AnnexBCandidate(id, _current));
                }

                VisitFunction(function, null, function.Params, function.Body, isArrow: false);
                return;
            }

            Visit(branch);
        }

        private bool IsAnnexBFunction(FunctionDeclaration function) =>
            !_current.IsStrict && !function.IsAsync && !function.IsGenerator;

        private void VisitWith(WithStatement node)
        {
            Visit(node.Object);
            var scope = Open(ScopeKind.With, node, _current.IsStrict);
            Visit(node.Body);
            Close(scope);
        }

        private void VisitSwitch(SwitchStatement node)
        {
            Visit(node.Discriminant);
            var scope = Open(ScopeKind.Switch, node, _current.IsStrict);
            foreach (var switchCase in node.Cases)
            {
                Visit(switchCase.Test);
                VisitStatements(switchCase.Consequent);
            }

            Close(scope);
        }

        private void VisitTry(TryStatement node)
        {
            VisitBlock(node.Block);
            if (node.Handler is { } handler)
            {
                var scope = Open(ScopeKind.Catch, handler, _current.IsStrict);
                if (handler.Param is { } param)
                {
                    DeclarePattern(param, VariableKind.CatchParameter, scope, isInitialized: false);
                }

                VisitBlock(handler.Body);
                Close(scope);
            }

            if (node.Finalizer is { } finalizer)
            {
                VisitBlock(finalizer);
            }
        }

        private void VisitFor(ForStatement node)
        {
            var scope = node.Init is VariableDeclaration { Kind: not VariableDeclarationKind.Var }
                ? Open(ScopeKind.For, node, _current.IsStrict)
                : null;
            if (node.Init is VariableDeclaration declaration)
            {
                VisitVariableDeclaration(declaration, isLoopHead: false);
            }
            else
            {
                Visit(node.Init);
            }

            Visit(node.Test);
            Visit(node.Update);
            Visit(node.Body);
            if (scope is not null)
            {
                Close(scope);
            }
        }

        private void VisitForInOf(Statement node, Node left, Expression right, Statement body)
        {
            // A lexical head gets its own scope; the right-hand side is evaluated in it too, with the names in their
            // TDZ (ECMA-262 ForIn/OfHeadEvaluation), so `for (let x of x)` refers to the inner x.
            var scope = left is VariableDeclaration { Kind: not VariableDeclarationKind.Var }
                ? Open(ScopeKind.For, node, _current.IsStrict)
                : null;
            if (left is VariableDeclaration declaration)
            {
                VisitVariableDeclaration(declaration, isLoopHead: true);
            }
            else
            {
                VisitAssignmentTarget(left, ReferenceFlags.Write);
            }

            Visit(right);
            Visit(body);
            if (scope is not null)
            {
                Close(scope);
            }
        }

        private void VisitVariableDeclaration(VariableDeclaration node, bool isLoopHead)
        {
            var (kind, target) = node.Kind switch
            {
                VariableDeclarationKind.Var => (VariableKind.Var, _current.VariableScope),
                VariableDeclarationKind.Let => (VariableKind.Let, _current),
                VariableDeclarationKind.Const => (VariableKind.Const, _current),
                VariableDeclarationKind.Using => (VariableKind.Using, _current),
                VariableDeclarationKind.AwaitUsing => (VariableKind.AwaitUsing, _current),
                _ => throw new InvalidOperationException($"Unknown declaration kind {node.Kind}."),
            };
            foreach (var declarator in node.Declarations)
            {
                // A for-in/of head is initialised by every iteration.
                DeclarePattern(declarator.Id, kind, target, isInitialized: isLoopHead || declarator.Init is not null);
                Visit(declarator.Init);
            }
        }

        private void VisitFunctionDeclaration(FunctionDeclaration node)
        {
            if (node.Id is { } id)
            {
                Declare(_current, id, VariableKind.Function);

                // At a var scope's top level the declaration is var-like; in a block it is lexical, and sloppy code
                // may also give it an Annex B var binding (checked when the var scope ends).
                if (_current != _current.VariableScope && IsAnnexBFunction(node))
                {
                    (_current.VariableScope.AnnexBCandidates ??= []).Add(new AnnexBCandidate(id, _current.Parent!));
                }
            }

            VisitFunction(node, null, node.Params, node.Body, isArrow: false);
        }

        /// <param name="expressionName">The name of a named function expression, which gets its own scope.</param>
        private void VisitFunction(Node node, Identifier? expressionName, NodeList<Node> parameters, Node body, bool isArrow)
        {
            var isStrict = _current.IsStrict || (body is BlockStatement block && HasUseStrictDirective(block));
            Scope? nameScope = null;
            if (expressionName is not null)
            {
                nameScope = Open(ScopeKind.FunctionExpressionName, node, isStrict);
                Declare(nameScope, expressionName, VariableKind.FunctionExpressionName);
            }

            var scope = Open(ScopeKind.Function, node, isStrict, body.Start, isArrow);
            foreach (var parameter in parameters)
            {
                DeclarePattern(parameter, VariableKind.Parameter, scope, isInitialized: false);
            }

            if (body is BlockStatement blockBody)
            {
                // The body's statements belong to the function scope itself, not to a block scope.
                VisitStatements(blockBody.Body);
            }
            else
            {
                Visit(body);
            }

            Close(scope);
            if (nameScope is not null)
            {
                Close(nameScope);
            }
        }

        private static bool HasUseStrictDirective(BlockStatement body)
        {
            foreach (var statement in body.Body)
            {
                if (statement is not ExpressionStatement { Directive: { } directive })
                {
                    break;
                }

                // The raw text must be exactly use strict: an escape or line continuation makes it an ordinary string.
                if (string.Equals(directive, "use strict", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private void VisitClass(Node node, Identifier? id, Expression? superClass, ClassBody body, bool isDeclaration)
        {
            if (isDeclaration && id is not null)
            {
                Declare(_current, id, VariableKind.Class);
            }

            // All parts of a class are strict code, the heritage included.
            var scope = Open(ScopeKind.Class, node, isStrict: true);
            if (id is not null)
            {
                Declare(scope, id, VariableKind.ClassName);
            }

            Visit(superClass);
            foreach (var member in body.Body)
            {
                switch (member)
                {
                    case MethodDefinition method:
                        if (method.IsComputed)
                        {
                            Visit(method.Key);
                        }

                        VisitFunction(method.Value, null, method.Value.Params, method.Value.Body, isArrow: false);
                        break;
                    case PropertyDefinition field:
                        if (field.IsComputed)
                        {
                            Visit(field.Key);
                        }

                        if (field.Value is { } value)
                        {
                            // Each initialiser runs like a method body: own `this`, own var scope, no `arguments`.
                            var initializer = Open(ScopeKind.ClassFieldInitializer, field, isStrict: true);
                            Visit(value);
                            Close(initializer);
                        }

                        break;
                    case StaticBlock staticBlock:
                        var blockScope = Open(ScopeKind.ClassStaticBlock, staticBlock, isStrict: true);
                        VisitStatements(staticBlock.Body);
                        Close(blockScope);
                        break;
                    default:
                        throw new InvalidOperationException($"Unexpected {member.Type} in a class body.");
                }
            }

            Close(scope);
        }

        private void VisitImport(ImportDeclaration node)
        {
            foreach (var specifier in node.Specifiers)
            {
                var local = specifier switch
                {
                    ImportSpecifier named => named.Local,
                    ImportDefaultSpecifier defaultSpecifier => defaultSpecifier.Local,
                    ImportNamespaceSpecifier ns => ns.Local,
                    _ => throw new InvalidOperationException($"Unexpected {specifier.Type} in an import declaration."),
                };
                Declare(_current, local, VariableKind.Import);
            }
        }

        private void VisitExportNamed(ExportNamedDeclaration node)
        {
            if (node.Declaration is { } declaration)
            {
                Visit(declaration);
                return;
            }

            // `export { x as y }` reads the local x; with `from 'm'` both names belong to the other module.
            if (node.Source is null)
            {
                foreach (var specifier in node.Specifiers)
                {
                    if (specifier.Local is Identifier local)
                    {
                        AddReference(local, ReferenceFlags.Read);
                    }
                }
            }
        }

        private void VisitCall(CallExpression node)
        {
            // A direct eval in sloppy code may declare vars in the caller's var scope. `eval?.(...)` is indirect.
            if (node.Callee is Identifier { Name: "eval" } && !node.IsOptional && !_current.IsStrict)
            {
                _current.VariableScope.IsDynamic = true;
            }

            Visit(node.Callee);
            foreach (var argument in node.Arguments)
            {
                Visit(argument);
            }
        }

        private void VisitMember(MemberExpression node)
        {
            Visit(node.Object);

            // A non-computed property (identifier or #private) is a name on the object, not a binding.
            if (node.IsComputed)
            {
                Visit(node.Property);
            }
        }

        // ---- patterns ----

        /// <summary>
        /// Declares every name a binding pattern binds in <paramref name="target"/>. A name gets a Write|Init reference
        /// when its declaration initialises it: a declarator with an initialiser, a for-in/of head, or a default value
        /// on the way to it (parameters and catch parameters). Defaults and computed keys are ordinary expressions.
        /// </summary>
        private void DeclarePattern(Node pattern, VariableKind kind, Scope target, bool isInitialized)
        {
            StackGuard.Ensure(pattern);
            switch (pattern)
            {
                case Identifier identifier:
                    Declare(target, identifier, kind);
                    if (isInitialized)
                    {
                        AddReference(identifier, ReferenceFlags.Write | ReferenceFlags.Init);
                    }

                    break;
                case ObjectPattern objectPattern:
                    foreach (var property in objectPattern.Properties)
                    {
                        if (property is Property { } p)
                        {
                            if (p.IsComputed)
                            {
                                Visit(p.Key);
                            }

                            DeclarePattern(p.Value, kind, target, isInitialized);
                        }
                        else
                        {
                            DeclarePattern(property, kind, target, isInitialized);
                        }
                    }

                    break;
                case ArrayPattern arrayPattern:
                    foreach (var element in arrayPattern.Elements)
                    {
                        if (element is not null)
                        {
                            DeclarePattern(element, kind, target, isInitialized);
                        }
                    }

                    break;
                case AssignmentPattern assignmentPattern:
                    DeclarePattern(assignmentPattern.Left, kind, target, isInitialized: true);
                    Visit(assignmentPattern.Right);
                    break;
                case RestElement rest:
                    DeclarePattern(rest.Argument, kind, target, isInitialized);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected {pattern.Type} in a binding pattern.");
            }
        }

        /// <summary>
        /// Walks an assignment target: names become references with <paramref name="flags"/>; member expressions are
        /// ordinary reads of their object (and computed key); nested patterns are plain writes.
        /// </summary>
        private void VisitAssignmentTarget(Node target, ReferenceFlags flags)
        {
            StackGuard.Ensure(target);
            switch (target)
            {
                case Identifier identifier:
                    AddReference(identifier, flags);
                    break;
                case ObjectPattern objectPattern:
                    foreach (var property in objectPattern.Properties)
                    {
                        if (property is Property { } p)
                        {
                            if (p.IsComputed)
                            {
                                Visit(p.Key);
                            }

                            // A shorthand `({ x } = o)` has its own value Identifier: a write of x.
                            VisitAssignmentTarget(p.Value, ReferenceFlags.Write);
                        }
                        else
                        {
                            VisitAssignmentTarget(property, ReferenceFlags.Write);
                        }
                    }

                    break;
                case ArrayPattern arrayPattern:
                    foreach (var element in arrayPattern.Elements)
                    {
                        if (element is not null)
                        {
                            VisitAssignmentTarget(element, ReferenceFlags.Write);
                        }
                    }

                    break;
                case AssignmentPattern assignmentPattern:
                    VisitAssignmentTarget(assignmentPattern.Left, ReferenceFlags.Write);
                    Visit(assignmentPattern.Right);
                    break;
                case RestElement rest:
                    VisitAssignmentTarget(rest.Argument, ReferenceFlags.Write);
                    break;
                default:
                    // MemberExpression (including a parenthesised one), or an invalid target the parser rejected.
                    Visit(target);
                    break;
            }
        }
    }
}
