using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Analysis;

/// <summary>
/// Replaces reads of <c>process.env.NODE_ENV</c> (with <c>process</c> free) by a string chosen at build time and
/// drops the branches that the replacement makes dead: <c>if</c> statements, <c>?:</c> arms and the right side of
/// <c>&amp;&amp;</c>, <c>||</c> and <c>??</c> whose test is decided by string comparisons of it. This is what esbuild,
/// webpack and envify do. It keeps the development and the production build of a package (React ships both, chosen
/// by <c>if (process.env.NODE_ENV === 'production') module.exports = require(…)</c>) from both landing in the bundle,
/// and it runs before imports are collected, so a dropped branch's <c>require</c> adds no module, no edge and no
/// policy entry.
/// </summary>
/// <remarks>
/// The rewrite keeps the text's length and every line break: the literal is padded with spaces to the span of the
/// expression it replaces, and a dropped statement or expression becomes <c>;</c> or <c>0</c> followed by spaces.
/// So every later position (diagnostics, policy evidence, the source map built from the rewritten text) is the
/// position in the file as written, without composing two maps. A dropped branch that declares a <c>var</c> (which
/// is hoisted out of the branch) is kept: removing it would change what the name refers to.
/// </remarks>
public static class NodeEnvFolding
{
    /// <summary>The longest value that fits: the shortest spelling, <c>process.env.NODE_ENV</c>, is 20 characters,
    /// and the literal needs two quotes.</summary>
    public const int MaxValueLength = 18;

    /// <summary>Null when <paramref name="value"/> can be substituted; otherwise why not (for the CLI and the task).</summary>
    public static string? Validate(string value)
    {
        if (value.Length is 0 or > MaxValueLength)
        {
            return $"must be 1 to {MaxValueLength} characters long";
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return "may only contain ASCII letters, digits, '-', '_' and '.'";
            }
        }

        return null;
    }

    /// <summary>
    /// The module's text with the substitutions made and dead branches blanked, or null when nothing changed
    /// (the common case: callers check for the text "NODE_ENV" first and skip the walk).
    /// </summary>
    public static string? Rewrite(Program program, ScopeAnalysis scopes, string source, string value)
    {
        if (Validate(value) is { } problem)
        {
            throw new ArgumentException($"NODE_ENV value \"{value}\" {problem}", nameof(value));
        }

        var folder = new Folder(scopes, source, value);
        folder.Visit(program);
        return folder.Changed ? new string(folder.Text) : null;
    }

    private sealed class Folder(ScopeAnalysis scopes, string source, string value) : AstVisitor
    {
        private readonly string _literal = "\"" + value + "\"";
        private int _patternDepth;

        public char[] Text { get; } = source.ToCharArray();

        public bool Changed { get; private set; }

        protected override void VisitMemberExpression(MemberExpression node)
        {
            if (_patternDepth == 0 && IsNodeEnv(node))
            {
                Overwrite(node, _literal);
                return;
            }

            base.VisitMemberExpression(node);
        }

        // Writes are left alone: `process.env.NODE_ENV = "test"` must still assign.
        protected override void VisitAssignmentExpression(AssignmentExpression node)
        {
            VisitTarget(node.Left);
            Visit(node.Right);
        }

        protected override void VisitUpdateExpression(UpdateExpression node) => VisitTarget(node.Argument);

        protected override void VisitUnaryExpression(UnaryExpression node)
        {
            if (node.Operator == UnaryOperator.Delete)
            {
                VisitTarget(node.Argument);
                return;
            }

            base.VisitUnaryExpression(node);
        }

        protected override void VisitForInStatement(ForInStatement node)
        {
            VisitTarget(node.Left);
            Visit(node.Right);
            Visit(node.Body);
        }

        protected override void VisitForOfStatement(ForOfStatement node)
        {
            VisitTarget(node.Left);
            Visit(node.Right);
            Visit(node.Body);
        }

        protected override void VisitObjectPattern(ObjectPattern node)
        {
            _patternDepth++;
            base.VisitObjectPattern(node);
            _patternDepth--;
        }

        protected override void VisitArrayPattern(ArrayPattern node)
        {
            _patternDepth++;
            base.VisitArrayPattern(node);
            _patternDepth--;
        }

        protected override void VisitIfStatement(IfStatement node) =>
            VisitBranches(node.Test, node.Consequent, node.Alternate, ";");

        protected override void VisitConditionalExpression(ConditionalExpression node) =>
            VisitBranches(node.Test, node.Consequent, node.Alternate, "0");

        // `if` and `?:` alike: the test is walked, then the branch it rules out (if it decides) is dropped.
        private void VisitBranches(Node test, Node consequent, Node? alternate, string filler)
        {
            Visit(test);
            switch (Truthy(Evaluate(test)))
            {
                case true:
                    Visit(consequent);
                    DropOrVisit(alternate, filler);
                    break;
                case false:
                    DropOrVisit(consequent, filler);
                    Visit(alternate);
                    break;
                default:
                    Visit(consequent);
                    Visit(alternate);
                    break;
            }
        }

        protected override void VisitLogicalExpression(LogicalExpression node)
        {
            Visit(node.Left);
            var left = Evaluate(node.Left);
            var rightIsDead = node.Operator switch
            {
                LogicalOperator.And => Truthy(left) == false,
                LogicalOperator.Or => Truthy(left) == true,
                _ => left is not null, // `??`: a string or boolean is never nullish
            };
            if (rightIsDead)
            {
                // The right side never runs, so what stands there is never the expression's value either.
                DropOrVisit(node.Right, "0");
            }
            else
            {
                Visit(node.Right);
            }
        }

        private void VisitTarget(Node target)
        {
            if (target is MemberExpression member && IsNodeEnv(member))
            {
                return;
            }

            _patternDepth++;
            Visit(target);
            _patternDepth--;
        }

        /// <summary>A string or boolean when the expression's value is known at build time, else null.</summary>
        private object? Evaluate(Node node)
        {
            switch (node)
            {
                case Literal { Kind: LiteralKind.String or LiteralKind.Boolean } literal:
                    return literal.Value;
                case MemberExpression member when IsNodeEnv(member):
                    return value;
                case UnaryExpression { Operator: UnaryOperator.LogicalNot } not:
                    return Truthy(Evaluate(not.Argument)) is { } truthy ? !truthy : null;
                case BinaryExpression binary:
                    {
                        var left = Evaluate(binary.Left);
                        var right = Evaluate(binary.Right);
                        // Only same-typed operands: then == and === agree, and no coercion rule is involved.
                        if (left is null || right is null || left.GetType() != right.GetType())
                        {
                            return null;
                        }

                        return binary.Operator switch
                        {
                            BinaryOperator.StrictEquality or BinaryOperator.Equality => left.Equals(right),
                            BinaryOperator.StrictInequality or BinaryOperator.Inequality => !left.Equals(right),
                            _ => null,
                        };
                    }

                case LogicalExpression logical:
                    {
                        var left = Evaluate(logical.Left);
                        return (logical.Operator, Truthy(left)) switch
                        {
                            (LogicalOperator.And, false) or (LogicalOperator.Or, true) => left,
                            (LogicalOperator.And, true) or (LogicalOperator.Or, false) => Evaluate(logical.Right),
                            (LogicalOperator.NullishCoalescing, not null) => left,
                            _ => null,
                        };
                    }

                default:
                    return null;
            }
        }

        private static bool? Truthy(object? known) => known switch
        {
            string text => text.Length > 0,
            bool flag => flag,
            _ => null,
        };

        private bool IsNodeEnv(MemberExpression node) =>
            !node.IsOptional
            && IsProperty(node, "NODE_ENV")
            && node.Object is MemberExpression { IsOptional: false } env
            && IsProperty(env, "env")
            && env.Object is Identifier { Name: "process" } process
            && scopes.GetReference(process) is { IsFree: true };

        private static bool IsProperty(MemberExpression node, string name) => node.IsComputed
            ? node.Property is Literal { Kind: LiteralKind.String } literal && literal.StringValue == name
            : node.Property is Identifier identifier && identifier.Name == name;

        private void DropOrVisit(Node? node, string filler)
        {
            if (node is null)
            {
                return;
            }

            if (HoistsVar(node))
            {
                Visit(node);
                return;
            }

            Overwrite(node, filler);
        }

        /// <summary>Writes <paramref name="replacement"/> over the node's first characters and blanks the rest,
        /// keeping line breaks. Skipped (the node is walked instead) if a line break comes before the replacement
        /// would end, which only a member expression broken over lines can do.</summary>
        private void Overwrite(Node node, string replacement)
        {
            for (var i = node.Start; i < node.Start + replacement.Length; i++)
            {
                if (i >= node.End || IsLineBreak(source[i]))
                {
                    if (node is MemberExpression member)
                    {
                        base.VisitMemberExpression(member);
                    }
                    else
                    {
                        Visit(node);
                    }

                    return;
                }
            }

            replacement.CopyTo(0, Text, node.Start, replacement.Length);
            for (var i = node.Start + replacement.Length; i < node.End; i++)
            {
                if (!IsLineBreak(source[i]))
                {
                    Text[i] = ' ';
                }
            }

            Changed = true;
        }

        private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

        private static bool HoistsVar(Node node)
        {
            var finder = new VarFinder();
            finder.Visit(node);
            return finder.Found;
        }
    }

    /// <summary>Finds a <c>var</c> declaration that belongs to the enclosing function (not to a nested one).</summary>
    private sealed class VarFinder : AstVisitor
    {
        public bool Found { get; private set; }

        public override void Visit(Node? node)
        {
            if (!Found)
            {
                base.Visit(node);
            }
        }

        protected override void VisitVariableDeclaration(VariableDeclaration node)
        {
            if (node.Kind == VariableDeclarationKind.Var)
            {
                Found = true;
                return;
            }

            base.VisitVariableDeclaration(node);
        }

        protected override void VisitFunctionDeclaration(FunctionDeclaration node)
        {
        }

        protected override void VisitFunctionExpression(FunctionExpression node)
        {
        }

        protected override void VisitArrowFunctionExpression(ArrowFunctionExpression node)
        {
        }

        protected override void VisitStaticBlock(StaticBlock node)
        {
        }
    }
}
