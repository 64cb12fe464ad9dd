namespace LavaMoat.Bundler.Syntax.Ast;

public static class NodeChildren
{
    /// <summary>The direct children of <paramref name="node"/> in source order (holes skipped).</summary>
    public static IEnumerable<Node> ChildNodes(this Node node)
    {
        switch (node)
        {
            case Program program:
                foreach (var child in program.Body)
                {
                    if (child is not null) yield return child;
                }
                break;
            case BlockStatement blockStatement:
                foreach (var child in blockStatement.Body)
                {
                    if (child is not null) yield return child;
                }
                break;
            case ExpressionStatement expressionStatement:
                yield return expressionStatement.Expression;
                break;
            case IfStatement ifStatement:
                yield return ifStatement.Test;
                yield return ifStatement.Consequent;
                if (ifStatement.Alternate is not null) yield return ifStatement.Alternate;
                break;
            case LabeledStatement labeledStatement:
                yield return labeledStatement.Body;
                yield return labeledStatement.Label;
                break;
            case BreakStatement breakStatement:
                if (breakStatement.Label is not null) yield return breakStatement.Label;
                break;
            case ContinueStatement continueStatement:
                if (continueStatement.Label is not null) yield return continueStatement.Label;
                break;
            case WithStatement withStatement:
                yield return withStatement.Object;
                yield return withStatement.Body;
                break;
            case SwitchStatement switchStatement:
                yield return switchStatement.Discriminant;
                foreach (var child in switchStatement.Cases)
                {
                    if (child is not null) yield return child;
                }
                break;
            case SwitchCase switchCase:
                foreach (var child in switchCase.Consequent)
                {
                    if (child is not null) yield return child;
                }
                if (switchCase.Test is not null) yield return switchCase.Test;
                break;
            case ReturnStatement returnStatement:
                if (returnStatement.Argument is not null) yield return returnStatement.Argument;
                break;
            case ThrowStatement throwStatement:
                yield return throwStatement.Argument;
                break;
            case TryStatement tryStatement:
                yield return tryStatement.Block;
                if (tryStatement.Handler is not null) yield return tryStatement.Handler;
                if (tryStatement.Finalizer is not null) yield return tryStatement.Finalizer;
                break;
            case CatchClause catchClause:
                if (catchClause.Param is not null) yield return catchClause.Param;
                yield return catchClause.Body;
                break;
            case WhileStatement whileStatement:
                yield return whileStatement.Test;
                yield return whileStatement.Body;
                break;
            case DoWhileStatement doWhileStatement:
                yield return doWhileStatement.Body;
                yield return doWhileStatement.Test;
                break;
            case ForStatement forStatement:
                if (forStatement.Init is not null) yield return forStatement.Init;
                if (forStatement.Test is not null) yield return forStatement.Test;
                if (forStatement.Update is not null) yield return forStatement.Update;
                yield return forStatement.Body;
                break;
            case ForInStatement forInStatement:
                yield return forInStatement.Left;
                yield return forInStatement.Right;
                yield return forInStatement.Body;
                break;
            case ForOfStatement forOfStatement:
                yield return forOfStatement.Left;
                yield return forOfStatement.Right;
                yield return forOfStatement.Body;
                break;
            case FunctionDeclaration functionDeclaration:
                if (functionDeclaration.Id is not null) yield return functionDeclaration.Id;
                foreach (var child in functionDeclaration.Params)
                {
                    if (child is not null) yield return child;
                }
                yield return functionDeclaration.Body;
                break;
            case VariableDeclaration variableDeclaration:
                foreach (var child in variableDeclaration.Declarations)
                {
                    if (child is not null) yield return child;
                }
                break;
            case VariableDeclarator variableDeclarator:
                yield return variableDeclarator.Id;
                if (variableDeclarator.Init is not null) yield return variableDeclarator.Init;
                break;
            case ClassDeclaration classDeclaration:
                if (classDeclaration.Id is not null) yield return classDeclaration.Id;
                if (classDeclaration.SuperClass is not null) yield return classDeclaration.SuperClass;
                yield return classDeclaration.Body;
                break;
            case ClassBody classBody:
                foreach (var child in classBody.Body)
                {
                    if (child is not null) yield return child;
                }
                break;
            case MethodDefinition methodDefinition:
                yield return methodDefinition.Key;
                yield return methodDefinition.Value;
                break;
            case PropertyDefinition propertyDefinition:
                yield return propertyDefinition.Key;
                if (propertyDefinition.Value is not null) yield return propertyDefinition.Value;
                break;
            case StaticBlock staticBlock:
                foreach (var child in staticBlock.Body)
                {
                    if (child is not null) yield return child;
                }
                break;
            case ImportDeclaration importDeclaration:
                foreach (var child in importDeclaration.Specifiers)
                {
                    if (child is not null) yield return child;
                }
                yield return importDeclaration.Source;
                foreach (var child in importDeclaration.Attributes)
                {
                    if (child is not null) yield return child;
                }
                break;
            case ImportSpecifier importSpecifier:
                yield return importSpecifier.Imported;
                yield return importSpecifier.Local;
                break;
            case ImportDefaultSpecifier importDefaultSpecifier:
                yield return importDefaultSpecifier.Local;
                break;
            case ImportNamespaceSpecifier importNamespaceSpecifier:
                yield return importNamespaceSpecifier.Local;
                break;
            case ImportAttribute importAttribute:
                yield return importAttribute.Key;
                yield return importAttribute.Value;
                break;
            case ExportNamedDeclaration exportNamedDeclaration:
                if (exportNamedDeclaration.Declaration is not null) yield return exportNamedDeclaration.Declaration;
                foreach (var child in exportNamedDeclaration.Specifiers)
                {
                    if (child is not null) yield return child;
                }
                if (exportNamedDeclaration.Source is not null) yield return exportNamedDeclaration.Source;
                foreach (var child in exportNamedDeclaration.Attributes)
                {
                    if (child is not null) yield return child;
                }
                break;
            case ExportSpecifier exportSpecifier:
                yield return exportSpecifier.Local;
                yield return exportSpecifier.Exported;
                break;
            case ExportDefaultDeclaration exportDefaultDeclaration:
                yield return exportDefaultDeclaration.Declaration;
                break;
            case ExportAllDeclaration exportAllDeclaration:
                if (exportAllDeclaration.Exported is not null) yield return exportAllDeclaration.Exported;
                yield return exportAllDeclaration.Source;
                foreach (var child in exportAllDeclaration.Attributes)
                {
                    if (child is not null) yield return child;
                }
                break;
            case ArrayExpression arrayExpression:
                foreach (var child in arrayExpression.Elements)
                {
                    if (child is not null) yield return child;
                }
                break;
            case ObjectExpression objectExpression:
                foreach (var child in objectExpression.Properties)
                {
                    if (child is not null) yield return child;
                }
                break;
            case Property property:
                yield return property.Key;
                yield return property.Value;
                break;
            case FunctionExpression functionExpression:
                if (functionExpression.Id is not null) yield return functionExpression.Id;
                foreach (var child in functionExpression.Params)
                {
                    if (child is not null) yield return child;
                }
                yield return functionExpression.Body;
                break;
            case ArrowFunctionExpression arrowFunctionExpression:
                if (arrowFunctionExpression.Id is not null) yield return arrowFunctionExpression.Id;
                foreach (var child in arrowFunctionExpression.Params)
                {
                    if (child is not null) yield return child;
                }
                yield return arrowFunctionExpression.Body;
                break;
            case ClassExpression classExpression:
                if (classExpression.Id is not null) yield return classExpression.Id;
                if (classExpression.SuperClass is not null) yield return classExpression.SuperClass;
                yield return classExpression.Body;
                break;
            case TemplateLiteral templateLiteral:
                foreach (var child in templateLiteral.Expressions)
                {
                    if (child is not null) yield return child;
                }
                foreach (var child in templateLiteral.Quasis)
                {
                    if (child is not null) yield return child;
                }
                break;
            case TaggedTemplateExpression taggedTemplateExpression:
                yield return taggedTemplateExpression.Tag;
                yield return taggedTemplateExpression.Quasi;
                break;
            case UnaryExpression unaryExpression:
                yield return unaryExpression.Argument;
                break;
            case UpdateExpression updateExpression:
                yield return updateExpression.Argument;
                break;
            case BinaryExpression binaryExpression:
                yield return binaryExpression.Left;
                yield return binaryExpression.Right;
                break;
            case LogicalExpression logicalExpression:
                yield return logicalExpression.Left;
                yield return logicalExpression.Right;
                break;
            case AssignmentExpression assignmentExpression:
                yield return assignmentExpression.Left;
                yield return assignmentExpression.Right;
                break;
            case ConditionalExpression conditionalExpression:
                yield return conditionalExpression.Test;
                yield return conditionalExpression.Consequent;
                yield return conditionalExpression.Alternate;
                break;
            case CallExpression callExpression:
                yield return callExpression.Callee;
                foreach (var child in callExpression.Arguments)
                {
                    if (child is not null) yield return child;
                }
                break;
            case NewExpression newExpression:
                yield return newExpression.Callee;
                foreach (var child in newExpression.Arguments)
                {
                    if (child is not null) yield return child;
                }
                break;
            case MemberExpression memberExpression:
                yield return memberExpression.Object;
                yield return memberExpression.Property;
                break;
            case ChainExpression chainExpression:
                yield return chainExpression.Expression;
                break;
            case SequenceExpression sequenceExpression:
                foreach (var child in sequenceExpression.Expressions)
                {
                    if (child is not null) yield return child;
                }
                break;
            case YieldExpression yieldExpression:
                if (yieldExpression.Argument is not null) yield return yieldExpression.Argument;
                break;
            case AwaitExpression awaitExpression:
                yield return awaitExpression.Argument;
                break;
            case MetaProperty metaProperty:
                yield return metaProperty.Meta;
                yield return metaProperty.Property;
                break;
            case ImportExpression importExpression:
                yield return importExpression.Source;
                if (importExpression.Options is not null) yield return importExpression.Options;
                break;
            case SpreadElement spreadElement:
                yield return spreadElement.Argument;
                break;
            case ObjectPattern objectPattern:
                foreach (var child in objectPattern.Properties)
                {
                    if (child is not null) yield return child;
                }
                break;
            case ArrayPattern arrayPattern:
                foreach (var child in arrayPattern.Elements)
                {
                    if (child is not null) yield return child;
                }
                break;
            case RestElement restElement:
                yield return restElement.Argument;
                break;
            case AssignmentPattern assignmentPattern:
                yield return assignmentPattern.Left;
                yield return assignmentPattern.Right;
                break;
        }
    }
}
