namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>
/// Walks a tree depth-first in source order. Override a <c>VisitX</c> method to act on one node type and
/// call the base method to keep walking into its children.
/// </summary>
public abstract class AstVisitor
{
    public virtual void Visit(Node? node)
    {
        if (node is null)
        {
            return;
        }

        // Trees are as deep as the parser allowed; this keeps a visitor from overflowing where the parser did not.
        StackGuard.Ensure(node);

        switch (node.Type)
        {
            case NodeType.Program: VisitProgram((Program)node); break;
            case NodeType.EmptyStatement: VisitEmptyStatement((EmptyStatement)node); break;
            case NodeType.BlockStatement: VisitBlockStatement((BlockStatement)node); break;
            case NodeType.ExpressionStatement: VisitExpressionStatement((ExpressionStatement)node); break;
            case NodeType.IfStatement: VisitIfStatement((IfStatement)node); break;
            case NodeType.LabeledStatement: VisitLabeledStatement((LabeledStatement)node); break;
            case NodeType.BreakStatement: VisitBreakStatement((BreakStatement)node); break;
            case NodeType.ContinueStatement: VisitContinueStatement((ContinueStatement)node); break;
            case NodeType.WithStatement: VisitWithStatement((WithStatement)node); break;
            case NodeType.SwitchStatement: VisitSwitchStatement((SwitchStatement)node); break;
            case NodeType.SwitchCase: VisitSwitchCase((SwitchCase)node); break;
            case NodeType.ReturnStatement: VisitReturnStatement((ReturnStatement)node); break;
            case NodeType.ThrowStatement: VisitThrowStatement((ThrowStatement)node); break;
            case NodeType.TryStatement: VisitTryStatement((TryStatement)node); break;
            case NodeType.CatchClause: VisitCatchClause((CatchClause)node); break;
            case NodeType.WhileStatement: VisitWhileStatement((WhileStatement)node); break;
            case NodeType.DoWhileStatement: VisitDoWhileStatement((DoWhileStatement)node); break;
            case NodeType.ForStatement: VisitForStatement((ForStatement)node); break;
            case NodeType.ForInStatement: VisitForInStatement((ForInStatement)node); break;
            case NodeType.ForOfStatement: VisitForOfStatement((ForOfStatement)node); break;
            case NodeType.DebuggerStatement: VisitDebuggerStatement((DebuggerStatement)node); break;
            case NodeType.FunctionDeclaration: VisitFunctionDeclaration((FunctionDeclaration)node); break;
            case NodeType.VariableDeclaration: VisitVariableDeclaration((VariableDeclaration)node); break;
            case NodeType.VariableDeclarator: VisitVariableDeclarator((VariableDeclarator)node); break;
            case NodeType.ClassDeclaration: VisitClassDeclaration((ClassDeclaration)node); break;
            case NodeType.ClassBody: VisitClassBody((ClassBody)node); break;
            case NodeType.MethodDefinition: VisitMethodDefinition((MethodDefinition)node); break;
            case NodeType.PropertyDefinition: VisitPropertyDefinition((PropertyDefinition)node); break;
            case NodeType.StaticBlock: VisitStaticBlock((StaticBlock)node); break;
            case NodeType.ImportDeclaration: VisitImportDeclaration((ImportDeclaration)node); break;
            case NodeType.ImportSpecifier: VisitImportSpecifier((ImportSpecifier)node); break;
            case NodeType.ImportDefaultSpecifier: VisitImportDefaultSpecifier((ImportDefaultSpecifier)node); break;
            case NodeType.ImportNamespaceSpecifier: VisitImportNamespaceSpecifier((ImportNamespaceSpecifier)node); break;
            case NodeType.ImportAttribute: VisitImportAttribute((ImportAttribute)node); break;
            case NodeType.ExportNamedDeclaration: VisitExportNamedDeclaration((ExportNamedDeclaration)node); break;
            case NodeType.ExportSpecifier: VisitExportSpecifier((ExportSpecifier)node); break;
            case NodeType.ExportDefaultDeclaration: VisitExportDefaultDeclaration((ExportDefaultDeclaration)node); break;
            case NodeType.ExportAllDeclaration: VisitExportAllDeclaration((ExportAllDeclaration)node); break;
            case NodeType.Identifier: VisitIdentifier((Identifier)node); break;
            case NodeType.PrivateIdentifier: VisitPrivateIdentifier((PrivateIdentifier)node); break;
            case NodeType.Literal: VisitLiteral((Literal)node); break;
            case NodeType.ThisExpression: VisitThisExpression((ThisExpression)node); break;
            case NodeType.Super: VisitSuper((Super)node); break;
            case NodeType.ArrayExpression: VisitArrayExpression((ArrayExpression)node); break;
            case NodeType.ObjectExpression: VisitObjectExpression((ObjectExpression)node); break;
            case NodeType.Property: VisitProperty((Property)node); break;
            case NodeType.FunctionExpression: VisitFunctionExpression((FunctionExpression)node); break;
            case NodeType.ArrowFunctionExpression: VisitArrowFunctionExpression((ArrowFunctionExpression)node); break;
            case NodeType.ClassExpression: VisitClassExpression((ClassExpression)node); break;
            case NodeType.TemplateLiteral: VisitTemplateLiteral((TemplateLiteral)node); break;
            case NodeType.TemplateElement: VisitTemplateElement((TemplateElement)node); break;
            case NodeType.TaggedTemplateExpression: VisitTaggedTemplateExpression((TaggedTemplateExpression)node); break;
            case NodeType.UnaryExpression: VisitUnaryExpression((UnaryExpression)node); break;
            case NodeType.UpdateExpression: VisitUpdateExpression((UpdateExpression)node); break;
            case NodeType.BinaryExpression: VisitBinaryExpression((BinaryExpression)node); break;
            case NodeType.LogicalExpression: VisitLogicalExpression((LogicalExpression)node); break;
            case NodeType.AssignmentExpression: VisitAssignmentExpression((AssignmentExpression)node); break;
            case NodeType.ConditionalExpression: VisitConditionalExpression((ConditionalExpression)node); break;
            case NodeType.CallExpression: VisitCallExpression((CallExpression)node); break;
            case NodeType.NewExpression: VisitNewExpression((NewExpression)node); break;
            case NodeType.MemberExpression: VisitMemberExpression((MemberExpression)node); break;
            case NodeType.ChainExpression: VisitChainExpression((ChainExpression)node); break;
            case NodeType.SequenceExpression: VisitSequenceExpression((SequenceExpression)node); break;
            case NodeType.YieldExpression: VisitYieldExpression((YieldExpression)node); break;
            case NodeType.AwaitExpression: VisitAwaitExpression((AwaitExpression)node); break;
            case NodeType.MetaProperty: VisitMetaProperty((MetaProperty)node); break;
            case NodeType.ImportExpression: VisitImportExpression((ImportExpression)node); break;
            case NodeType.SpreadElement: VisitSpreadElement((SpreadElement)node); break;
            case NodeType.ObjectPattern: VisitObjectPattern((ObjectPattern)node); break;
            case NodeType.ArrayPattern: VisitArrayPattern((ArrayPattern)node); break;
            case NodeType.RestElement: VisitRestElement((RestElement)node); break;
            case NodeType.AssignmentPattern: VisitAssignmentPattern((AssignmentPattern)node); break;
            default: throw new InvalidOperationException($"Unknown node type {node.Type}.");
        }
    }

    protected virtual void VisitProgram(Program node)
    {
        foreach (var child in node.Body)
        {
            Visit(child);
        }
    }

    protected virtual void VisitEmptyStatement(EmptyStatement node)
    {
    }

    protected virtual void VisitBlockStatement(BlockStatement node)
    {
        foreach (var child in node.Body)
        {
            Visit(child);
        }
    }

    protected virtual void VisitExpressionStatement(ExpressionStatement node)
    {
        Visit(node.Expression);
    }

    protected virtual void VisitIfStatement(IfStatement node)
    {
        Visit(node.Test);
        Visit(node.Consequent);
        Visit(node.Alternate);
    }

    protected virtual void VisitLabeledStatement(LabeledStatement node)
    {
        Visit(node.Body);
        Visit(node.Label);
    }

    protected virtual void VisitBreakStatement(BreakStatement node)
    {
        Visit(node.Label);
    }

    protected virtual void VisitContinueStatement(ContinueStatement node)
    {
        Visit(node.Label);
    }

    protected virtual void VisitWithStatement(WithStatement node)
    {
        Visit(node.Object);
        Visit(node.Body);
    }

    protected virtual void VisitSwitchStatement(SwitchStatement node)
    {
        Visit(node.Discriminant);
        foreach (var child in node.Cases)
        {
            Visit(child);
        }
    }

    protected virtual void VisitSwitchCase(SwitchCase node)
    {
        foreach (var child in node.Consequent)
        {
            Visit(child);
        }
        Visit(node.Test);
    }

    protected virtual void VisitReturnStatement(ReturnStatement node)
    {
        Visit(node.Argument);
    }

    protected virtual void VisitThrowStatement(ThrowStatement node)
    {
        Visit(node.Argument);
    }

    protected virtual void VisitTryStatement(TryStatement node)
    {
        Visit(node.Block);
        Visit(node.Handler);
        Visit(node.Finalizer);
    }

    protected virtual void VisitCatchClause(CatchClause node)
    {
        Visit(node.Param);
        Visit(node.Body);
    }

    protected virtual void VisitWhileStatement(WhileStatement node)
    {
        Visit(node.Test);
        Visit(node.Body);
    }

    protected virtual void VisitDoWhileStatement(DoWhileStatement node)
    {
        Visit(node.Body);
        Visit(node.Test);
    }

    protected virtual void VisitForStatement(ForStatement node)
    {
        Visit(node.Init);
        Visit(node.Test);
        Visit(node.Update);
        Visit(node.Body);
    }

    protected virtual void VisitForInStatement(ForInStatement node)
    {
        Visit(node.Left);
        Visit(node.Right);
        Visit(node.Body);
    }

    protected virtual void VisitForOfStatement(ForOfStatement node)
    {
        Visit(node.Left);
        Visit(node.Right);
        Visit(node.Body);
    }

    protected virtual void VisitDebuggerStatement(DebuggerStatement node)
    {
    }

    protected virtual void VisitFunctionDeclaration(FunctionDeclaration node)
    {
        Visit(node.Id);
        foreach (var child in node.Params)
        {
            Visit(child);
        }
        Visit(node.Body);
    }

    protected virtual void VisitVariableDeclaration(VariableDeclaration node)
    {
        foreach (var child in node.Declarations)
        {
            Visit(child);
        }
    }

    protected virtual void VisitVariableDeclarator(VariableDeclarator node)
    {
        Visit(node.Id);
        Visit(node.Init);
    }

    protected virtual void VisitClassDeclaration(ClassDeclaration node)
    {
        Visit(node.Id);
        Visit(node.SuperClass);
        Visit(node.Body);
    }

    protected virtual void VisitClassBody(ClassBody node)
    {
        foreach (var child in node.Body)
        {
            Visit(child);
        }
    }

    protected virtual void VisitMethodDefinition(MethodDefinition node)
    {
        Visit(node.Key);
        Visit(node.Value);
    }

    protected virtual void VisitPropertyDefinition(PropertyDefinition node)
    {
        Visit(node.Key);
        Visit(node.Value);
    }

    protected virtual void VisitStaticBlock(StaticBlock node)
    {
        foreach (var child in node.Body)
        {
            Visit(child);
        }
    }

    protected virtual void VisitImportDeclaration(ImportDeclaration node)
    {
        foreach (var child in node.Specifiers)
        {
            Visit(child);
        }
        Visit(node.Source);
        foreach (var child in node.Attributes)
        {
            Visit(child);
        }
    }

    protected virtual void VisitImportSpecifier(ImportSpecifier node)
    {
        Visit(node.Imported);
        Visit(node.Local);
    }

    protected virtual void VisitImportDefaultSpecifier(ImportDefaultSpecifier node)
    {
        Visit(node.Local);
    }

    protected virtual void VisitImportNamespaceSpecifier(ImportNamespaceSpecifier node)
    {
        Visit(node.Local);
    }

    protected virtual void VisitImportAttribute(ImportAttribute node)
    {
        Visit(node.Key);
        Visit(node.Value);
    }

    protected virtual void VisitExportNamedDeclaration(ExportNamedDeclaration node)
    {
        Visit(node.Declaration);
        foreach (var child in node.Specifiers)
        {
            Visit(child);
        }
        Visit(node.Source);
        foreach (var child in node.Attributes)
        {
            Visit(child);
        }
    }

    protected virtual void VisitExportSpecifier(ExportSpecifier node)
    {
        Visit(node.Local);
        Visit(node.Exported);
    }

    protected virtual void VisitExportDefaultDeclaration(ExportDefaultDeclaration node)
    {
        Visit(node.Declaration);
    }

    protected virtual void VisitExportAllDeclaration(ExportAllDeclaration node)
    {
        Visit(node.Exported);
        Visit(node.Source);
        foreach (var child in node.Attributes)
        {
            Visit(child);
        }
    }

    protected virtual void VisitIdentifier(Identifier node)
    {
    }

    protected virtual void VisitPrivateIdentifier(PrivateIdentifier node)
    {
    }

    protected virtual void VisitLiteral(Literal node)
    {
    }

    protected virtual void VisitThisExpression(ThisExpression node)
    {
    }

    protected virtual void VisitSuper(Super node)
    {
    }

    protected virtual void VisitArrayExpression(ArrayExpression node)
    {
        foreach (var child in node.Elements)
        {
            Visit(child);
        }
    }

    protected virtual void VisitObjectExpression(ObjectExpression node)
    {
        foreach (var child in node.Properties)
        {
            Visit(child);
        }
    }

    protected virtual void VisitProperty(Property node)
    {
        Visit(node.Key);
        Visit(node.Value);
    }

    protected virtual void VisitFunctionExpression(FunctionExpression node)
    {
        Visit(node.Id);
        foreach (var child in node.Params)
        {
            Visit(child);
        }
        Visit(node.Body);
    }

    protected virtual void VisitArrowFunctionExpression(ArrowFunctionExpression node)
    {
        Visit(node.Id);
        foreach (var child in node.Params)
        {
            Visit(child);
        }
        Visit(node.Body);
    }

    protected virtual void VisitClassExpression(ClassExpression node)
    {
        Visit(node.Id);
        Visit(node.SuperClass);
        Visit(node.Body);
    }

    protected virtual void VisitTemplateLiteral(TemplateLiteral node)
    {
        foreach (var child in node.Expressions)
        {
            Visit(child);
        }
        foreach (var child in node.Quasis)
        {
            Visit(child);
        }
    }

    protected virtual void VisitTemplateElement(TemplateElement node)
    {
    }

    protected virtual void VisitTaggedTemplateExpression(TaggedTemplateExpression node)
    {
        Visit(node.Tag);
        Visit(node.Quasi);
    }

    protected virtual void VisitUnaryExpression(UnaryExpression node)
    {
        Visit(node.Argument);
    }

    protected virtual void VisitUpdateExpression(UpdateExpression node)
    {
        Visit(node.Argument);
    }

    protected virtual void VisitBinaryExpression(BinaryExpression node)
    {
        Visit(node.Left);
        Visit(node.Right);
    }

    protected virtual void VisitLogicalExpression(LogicalExpression node)
    {
        Visit(node.Left);
        Visit(node.Right);
    }

    protected virtual void VisitAssignmentExpression(AssignmentExpression node)
    {
        Visit(node.Left);
        Visit(node.Right);
    }

    protected virtual void VisitConditionalExpression(ConditionalExpression node)
    {
        Visit(node.Test);
        Visit(node.Consequent);
        Visit(node.Alternate);
    }

    protected virtual void VisitCallExpression(CallExpression node)
    {
        Visit(node.Callee);
        foreach (var child in node.Arguments)
        {
            Visit(child);
        }
    }

    protected virtual void VisitNewExpression(NewExpression node)
    {
        Visit(node.Callee);
        foreach (var child in node.Arguments)
        {
            Visit(child);
        }
    }

    protected virtual void VisitMemberExpression(MemberExpression node)
    {
        Visit(node.Object);
        Visit(node.Property);
    }

    protected virtual void VisitChainExpression(ChainExpression node)
    {
        Visit(node.Expression);
    }

    protected virtual void VisitSequenceExpression(SequenceExpression node)
    {
        foreach (var child in node.Expressions)
        {
            Visit(child);
        }
    }

    protected virtual void VisitYieldExpression(YieldExpression node)
    {
        Visit(node.Argument);
    }

    protected virtual void VisitAwaitExpression(AwaitExpression node)
    {
        Visit(node.Argument);
    }

    protected virtual void VisitMetaProperty(MetaProperty node)
    {
        Visit(node.Meta);
        Visit(node.Property);
    }

    protected virtual void VisitImportExpression(ImportExpression node)
    {
        Visit(node.Source);
        Visit(node.Options);
    }

    protected virtual void VisitSpreadElement(SpreadElement node)
    {
        Visit(node.Argument);
    }

    protected virtual void VisitObjectPattern(ObjectPattern node)
    {
        foreach (var child in node.Properties)
        {
            Visit(child);
        }
    }

    protected virtual void VisitArrayPattern(ArrayPattern node)
    {
        foreach (var child in node.Elements)
        {
            Visit(child);
        }
    }

    protected virtual void VisitRestElement(RestElement node)
    {
        Visit(node.Argument);
    }

    protected virtual void VisitAssignmentPattern(AssignmentPattern node)
    {
        Visit(node.Left);
        Visit(node.Right);
    }
}
