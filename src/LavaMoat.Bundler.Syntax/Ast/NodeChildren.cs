using System.Runtime.InteropServices;

namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>
/// The children of a node, for walkers that need no per-type code. Every walker of every build stage calls this
/// on every node, so it allocates nothing: the children are appended to one per-thread list used as a stack, and
/// the returned range gives them back (truncating the list) when its <c>foreach</c> ends. Recursive walks nest
/// ranges last-in first-out, which is what a depth-first <c>foreach</c> does; a range must not outlive the
/// enumeration of a range taken after it.
/// </summary>
public static class NodeChildren
{
    [ThreadStatic]
    private static List<Node>? t_stack;

    /// <summary>How many children this thread's stack holds now: 0 whenever no walk is in progress (for tests).</summary>
    internal static int PendingOnThisThread => t_stack?.Count ?? 0;

    /// <summary>The direct children of <paramref name="node"/> in source order (holes skipped); use in a <c>foreach</c>.</summary>
    public static ChildRange ChildNodes(this Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var stack = t_stack ??= new List<Node>(1024);
        var start = stack.Count;
        AddChildren(node, stack);
        return new ChildRange(stack, start, stack.Count);
    }

    /// <summary>Appends the direct children of <paramref name="node"/> to <paramref name="into"/> in source order (holes skipped).</summary>
    public static void AddChildren(Node node, List<Node> into)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(into);
        switch (node.Type)
        {
            case NodeType.Program:
            {
                var program = (Program)node;
                foreach (var child in program.Body)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.BlockStatement:
            {
                var blockStatement = (BlockStatement)node;
                foreach (var child in blockStatement.Body)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.ExpressionStatement:
            {
                var expressionStatement = (ExpressionStatement)node;
                into.Add(expressionStatement.Expression);
                break;
            }
            case NodeType.IfStatement:
            {
                var ifStatement = (IfStatement)node;
                into.Add(ifStatement.Test);
                into.Add(ifStatement.Consequent);
                if (ifStatement.Alternate is not null) into.Add(ifStatement.Alternate);
                break;
            }
            case NodeType.LabeledStatement:
            {
                var labeledStatement = (LabeledStatement)node;
                into.Add(labeledStatement.Body);
                into.Add(labeledStatement.Label);
                break;
            }
            case NodeType.BreakStatement:
            {
                var breakStatement = (BreakStatement)node;
                if (breakStatement.Label is not null) into.Add(breakStatement.Label);
                break;
            }
            case NodeType.ContinueStatement:
            {
                var continueStatement = (ContinueStatement)node;
                if (continueStatement.Label is not null) into.Add(continueStatement.Label);
                break;
            }
            case NodeType.WithStatement:
            {
                var withStatement = (WithStatement)node;
                into.Add(withStatement.Object);
                into.Add(withStatement.Body);
                break;
            }
            case NodeType.SwitchStatement:
            {
                var switchStatement = (SwitchStatement)node;
                into.Add(switchStatement.Discriminant);
                foreach (var child in switchStatement.Cases)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.SwitchCase:
            {
                var switchCase = (SwitchCase)node;
                foreach (var child in switchCase.Consequent)
                {
                    if (child is not null) into.Add(child);
                }
                if (switchCase.Test is not null) into.Add(switchCase.Test);
                break;
            }
            case NodeType.ReturnStatement:
            {
                var returnStatement = (ReturnStatement)node;
                if (returnStatement.Argument is not null) into.Add(returnStatement.Argument);
                break;
            }
            case NodeType.ThrowStatement:
            {
                var throwStatement = (ThrowStatement)node;
                into.Add(throwStatement.Argument);
                break;
            }
            case NodeType.TryStatement:
            {
                var tryStatement = (TryStatement)node;
                into.Add(tryStatement.Block);
                if (tryStatement.Handler is not null) into.Add(tryStatement.Handler);
                if (tryStatement.Finalizer is not null) into.Add(tryStatement.Finalizer);
                break;
            }
            case NodeType.CatchClause:
            {
                var catchClause = (CatchClause)node;
                if (catchClause.Param is not null) into.Add(catchClause.Param);
                into.Add(catchClause.Body);
                break;
            }
            case NodeType.WhileStatement:
            {
                var whileStatement = (WhileStatement)node;
                into.Add(whileStatement.Test);
                into.Add(whileStatement.Body);
                break;
            }
            case NodeType.DoWhileStatement:
            {
                var doWhileStatement = (DoWhileStatement)node;
                into.Add(doWhileStatement.Body);
                into.Add(doWhileStatement.Test);
                break;
            }
            case NodeType.ForStatement:
            {
                var forStatement = (ForStatement)node;
                if (forStatement.Init is not null) into.Add(forStatement.Init);
                if (forStatement.Test is not null) into.Add(forStatement.Test);
                if (forStatement.Update is not null) into.Add(forStatement.Update);
                into.Add(forStatement.Body);
                break;
            }
            case NodeType.ForInStatement:
            {
                var forInStatement = (ForInStatement)node;
                into.Add(forInStatement.Left);
                into.Add(forInStatement.Right);
                into.Add(forInStatement.Body);
                break;
            }
            case NodeType.ForOfStatement:
            {
                var forOfStatement = (ForOfStatement)node;
                into.Add(forOfStatement.Left);
                into.Add(forOfStatement.Right);
                into.Add(forOfStatement.Body);
                break;
            }
            case NodeType.FunctionDeclaration:
            {
                var functionDeclaration = (FunctionDeclaration)node;
                if (functionDeclaration.Id is not null) into.Add(functionDeclaration.Id);
                foreach (var child in functionDeclaration.Params)
                {
                    if (child is not null) into.Add(child);
                }
                into.Add(functionDeclaration.Body);
                break;
            }
            case NodeType.VariableDeclaration:
            {
                var variableDeclaration = (VariableDeclaration)node;
                foreach (var child in variableDeclaration.Declarations)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.VariableDeclarator:
            {
                var variableDeclarator = (VariableDeclarator)node;
                into.Add(variableDeclarator.Id);
                if (variableDeclarator.Init is not null) into.Add(variableDeclarator.Init);
                break;
            }
            case NodeType.ClassDeclaration:
            {
                var classDeclaration = (ClassDeclaration)node;
                if (classDeclaration.Id is not null) into.Add(classDeclaration.Id);
                if (classDeclaration.SuperClass is not null) into.Add(classDeclaration.SuperClass);
                into.Add(classDeclaration.Body);
                break;
            }
            case NodeType.ClassBody:
            {
                var classBody = (ClassBody)node;
                foreach (var child in classBody.Body)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.MethodDefinition:
            {
                var methodDefinition = (MethodDefinition)node;
                into.Add(methodDefinition.Key);
                into.Add(methodDefinition.Value);
                break;
            }
            case NodeType.PropertyDefinition:
            {
                var propertyDefinition = (PropertyDefinition)node;
                into.Add(propertyDefinition.Key);
                if (propertyDefinition.Value is not null) into.Add(propertyDefinition.Value);
                break;
            }
            case NodeType.StaticBlock:
            {
                var staticBlock = (StaticBlock)node;
                foreach (var child in staticBlock.Body)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.ImportDeclaration:
            {
                var importDeclaration = (ImportDeclaration)node;
                foreach (var child in importDeclaration.Specifiers)
                {
                    if (child is not null) into.Add(child);
                }
                into.Add(importDeclaration.Source);
                foreach (var child in importDeclaration.Attributes)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.ImportSpecifier:
            {
                var importSpecifier = (ImportSpecifier)node;
                into.Add(importSpecifier.Imported);
                into.Add(importSpecifier.Local);
                break;
            }
            case NodeType.ImportDefaultSpecifier:
            {
                var importDefaultSpecifier = (ImportDefaultSpecifier)node;
                into.Add(importDefaultSpecifier.Local);
                break;
            }
            case NodeType.ImportNamespaceSpecifier:
            {
                var importNamespaceSpecifier = (ImportNamespaceSpecifier)node;
                into.Add(importNamespaceSpecifier.Local);
                break;
            }
            case NodeType.ImportAttribute:
            {
                var importAttribute = (ImportAttribute)node;
                into.Add(importAttribute.Key);
                into.Add(importAttribute.Value);
                break;
            }
            case NodeType.ExportNamedDeclaration:
            {
                var exportNamedDeclaration = (ExportNamedDeclaration)node;
                if (exportNamedDeclaration.Declaration is not null) into.Add(exportNamedDeclaration.Declaration);
                foreach (var child in exportNamedDeclaration.Specifiers)
                {
                    if (child is not null) into.Add(child);
                }
                if (exportNamedDeclaration.Source is not null) into.Add(exportNamedDeclaration.Source);
                foreach (var child in exportNamedDeclaration.Attributes)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.ExportSpecifier:
            {
                var exportSpecifier = (ExportSpecifier)node;
                into.Add(exportSpecifier.Local);
                into.Add(exportSpecifier.Exported);
                break;
            }
            case NodeType.ExportDefaultDeclaration:
            {
                var exportDefaultDeclaration = (ExportDefaultDeclaration)node;
                into.Add(exportDefaultDeclaration.Declaration);
                break;
            }
            case NodeType.ExportAllDeclaration:
            {
                var exportAllDeclaration = (ExportAllDeclaration)node;
                if (exportAllDeclaration.Exported is not null) into.Add(exportAllDeclaration.Exported);
                into.Add(exportAllDeclaration.Source);
                foreach (var child in exportAllDeclaration.Attributes)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.ArrayExpression:
            {
                var arrayExpression = (ArrayExpression)node;
                foreach (var child in arrayExpression.Elements)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.ObjectExpression:
            {
                var objectExpression = (ObjectExpression)node;
                foreach (var child in objectExpression.Properties)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.Property:
            {
                var property = (Property)node;
                into.Add(property.Key);
                into.Add(property.Value);
                break;
            }
            case NodeType.FunctionExpression:
            {
                var functionExpression = (FunctionExpression)node;
                if (functionExpression.Id is not null) into.Add(functionExpression.Id);
                foreach (var child in functionExpression.Params)
                {
                    if (child is not null) into.Add(child);
                }
                into.Add(functionExpression.Body);
                break;
            }
            case NodeType.ArrowFunctionExpression:
            {
                var arrowFunctionExpression = (ArrowFunctionExpression)node;
                if (arrowFunctionExpression.Id is not null) into.Add(arrowFunctionExpression.Id);
                foreach (var child in arrowFunctionExpression.Params)
                {
                    if (child is not null) into.Add(child);
                }
                into.Add(arrowFunctionExpression.Body);
                break;
            }
            case NodeType.ClassExpression:
            {
                var classExpression = (ClassExpression)node;
                if (classExpression.Id is not null) into.Add(classExpression.Id);
                if (classExpression.SuperClass is not null) into.Add(classExpression.SuperClass);
                into.Add(classExpression.Body);
                break;
            }
            case NodeType.TemplateLiteral:
            {
                var templateLiteral = (TemplateLiteral)node;
                foreach (var child in templateLiteral.Expressions)
                {
                    if (child is not null) into.Add(child);
                }
                foreach (var child in templateLiteral.Quasis)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.TaggedTemplateExpression:
            {
                var taggedTemplateExpression = (TaggedTemplateExpression)node;
                into.Add(taggedTemplateExpression.Tag);
                into.Add(taggedTemplateExpression.Quasi);
                break;
            }
            case NodeType.UnaryExpression:
            {
                var unaryExpression = (UnaryExpression)node;
                into.Add(unaryExpression.Argument);
                break;
            }
            case NodeType.UpdateExpression:
            {
                var updateExpression = (UpdateExpression)node;
                into.Add(updateExpression.Argument);
                break;
            }
            case NodeType.BinaryExpression:
            {
                var binaryExpression = (BinaryExpression)node;
                into.Add(binaryExpression.Left);
                into.Add(binaryExpression.Right);
                break;
            }
            case NodeType.LogicalExpression:
            {
                var logicalExpression = (LogicalExpression)node;
                into.Add(logicalExpression.Left);
                into.Add(logicalExpression.Right);
                break;
            }
            case NodeType.AssignmentExpression:
            {
                var assignmentExpression = (AssignmentExpression)node;
                into.Add(assignmentExpression.Left);
                into.Add(assignmentExpression.Right);
                break;
            }
            case NodeType.ConditionalExpression:
            {
                var conditionalExpression = (ConditionalExpression)node;
                into.Add(conditionalExpression.Test);
                into.Add(conditionalExpression.Consequent);
                into.Add(conditionalExpression.Alternate);
                break;
            }
            case NodeType.CallExpression:
            {
                var callExpression = (CallExpression)node;
                into.Add(callExpression.Callee);
                foreach (var child in callExpression.Arguments)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.NewExpression:
            {
                var newExpression = (NewExpression)node;
                into.Add(newExpression.Callee);
                foreach (var child in newExpression.Arguments)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.MemberExpression:
            {
                var memberExpression = (MemberExpression)node;
                into.Add(memberExpression.Object);
                into.Add(memberExpression.Property);
                break;
            }
            case NodeType.ChainExpression:
            {
                var chainExpression = (ChainExpression)node;
                into.Add(chainExpression.Expression);
                break;
            }
            case NodeType.SequenceExpression:
            {
                var sequenceExpression = (SequenceExpression)node;
                foreach (var child in sequenceExpression.Expressions)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.YieldExpression:
            {
                var yieldExpression = (YieldExpression)node;
                if (yieldExpression.Argument is not null) into.Add(yieldExpression.Argument);
                break;
            }
            case NodeType.AwaitExpression:
            {
                var awaitExpression = (AwaitExpression)node;
                into.Add(awaitExpression.Argument);
                break;
            }
            case NodeType.MetaProperty:
            {
                var metaProperty = (MetaProperty)node;
                into.Add(metaProperty.Meta);
                into.Add(metaProperty.Property);
                break;
            }
            case NodeType.ImportExpression:
            {
                var importExpression = (ImportExpression)node;
                into.Add(importExpression.Source);
                if (importExpression.Options is not null) into.Add(importExpression.Options);
                break;
            }
            case NodeType.SpreadElement:
            {
                var spreadElement = (SpreadElement)node;
                into.Add(spreadElement.Argument);
                break;
            }
            case NodeType.ObjectPattern:
            {
                var objectPattern = (ObjectPattern)node;
                foreach (var child in objectPattern.Properties)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.ArrayPattern:
            {
                var arrayPattern = (ArrayPattern)node;
                foreach (var child in arrayPattern.Elements)
                {
                    if (child is not null) into.Add(child);
                }
                break;
            }
            case NodeType.RestElement:
            {
                var restElement = (RestElement)node;
                into.Add(restElement.Argument);
                break;
            }
            case NodeType.AssignmentPattern:
            {
                var assignmentPattern = (AssignmentPattern)node;
                into.Add(assignmentPattern.Left);
                into.Add(assignmentPattern.Right);
                break;
            }
        }
    }

    /// <summary>A node's children on the per-thread stack; enumerate it once with <c>foreach</c>.</summary>
    public readonly struct ChildRange(List<Node> stack, int start, int end)
    {
        public Enumerator GetEnumerator() => new(stack, start, end);
    }

    /// <summary>Walks a <see cref="ChildRange"/>; disposing it pops the range off the per-thread stack.</summary>
    public struct Enumerator(List<Node> stack, int start, int end) : IDisposable
    {
        private int _index = start - 1;

        public readonly Node Current => stack[_index];

        public bool MoveNext() => ++_index < end;

        public readonly void Dispose() => CollectionsMarshal.SetCount(stack, start);
    }
}
