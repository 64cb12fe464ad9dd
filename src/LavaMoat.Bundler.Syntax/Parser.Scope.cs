using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

public sealed partial class Parser
{
    [Flags]
    private enum ScopeFlags
    {
        None = 0,
        Top = 1,
        Function = 2,
        Async = 4,
        Generator = 8,
        Arrow = 16,
        SimpleCatch = 32,
        Super = 64,
        DirectSuper = 128,
        ClassStaticBlock = 256,
        ClassFieldInit = 512,
        Switch = 1024,
        Var = Top | Function | ClassStaticBlock,
    }

    private enum BindingKind
    {
        None,
        Var,
        Lexical,
        Function,
        SimpleCatch,

        /// <summary>A name checked for strict-mode rules but declared elsewhere (function expression names).</summary>
        Outside,
    }

    /// <summary>Names declared in one scope, for redeclaration early errors.</summary>
    private sealed class Scope
    {
        public ScopeFlags Flags;
        public readonly HashSet<string> Var = new(StringComparer.Ordinal);
        public readonly HashSet<string> Lexical = new(StringComparer.Ordinal);
        public readonly HashSet<string> Functions = new(StringComparer.Ordinal);
        public string? FirstLexical;

        public void Reset(ScopeFlags flags)
        {
            Flags = flags;
            if (Var.Count > 0)
            {
                Var.Clear();
            }

            if (Lexical.Count > 0)
            {
                Lexical.Clear();
            }

            if (Functions.Count > 0)
            {
                Functions.Clear();
            }

            FirstLexical = null;
        }

        public void AddLexical(string name)
        {
            FirstLexical ??= name;
            Lexical.Add(name);
        }
    }

    private readonly List<Scope> _scopes = [];
    private readonly Stack<Scope> _scopePool = new();
    private HashSet<string>? _exports;
    private Dictionary<string, Identifier>? _undefinedExports;

    private void ResetScopes()
    {
        foreach (var s in _scopes)
        {
            _scopePool.Push(s);
        }

        _scopes.Clear();
    }

    private void EnterScope(ScopeFlags flags)
    {
        var scope = _scopePool.Count > 0 ? _scopePool.Pop() : new Scope();
        scope.Reset(flags);
        _scopes.Add(scope);
    }

    private void ExitScope()
    {
        var scope = _scopes[^1];
        _scopes.RemoveAt(_scopes.Count - 1);
        _scopePool.Push(scope);
    }

    private Scope CurrentScope => _scopes[^1];

    private Scope CurrentVarScope
    {
        get
        {
            for (var i = _scopes.Count - 1; ; i--)
            {
                if ((_scopes[i].Flags & (ScopeFlags.Var | ScopeFlags.ClassFieldInit | ScopeFlags.ClassStaticBlock)) != 0)
                {
                    return _scopes[i];
                }
            }
        }
    }

    private Scope CurrentThisScope
    {
        get
        {
            for (var i = _scopes.Count - 1; ; i--)
            {
                var flags = _scopes[i].Flags;
                if ((flags & (ScopeFlags.Var | ScopeFlags.ClassFieldInit | ScopeFlags.ClassStaticBlock)) != 0 && (flags & ScopeFlags.Arrow) == 0)
                {
                    return _scopes[i];
                }
            }
        }
    }

    private bool InFunction => (CurrentVarScope.Flags & ScopeFlags.Function) != 0;

    private bool InGenerator => (CurrentVarScope.Flags & ScopeFlags.Generator) != 0;

    private bool InAsync => (CurrentVarScope.Flags & ScopeFlags.Async) != 0;

    private bool InClassStaticBlock => (CurrentVarScope.Flags & ScopeFlags.ClassStaticBlock) != 0;

    private bool CanAwait
    {
        get
        {
            for (var i = _scopes.Count - 1; i >= 0; i--)
            {
                var flags = _scopes[i].Flags;
                if ((flags & (ScopeFlags.ClassStaticBlock | ScopeFlags.ClassFieldInit)) != 0)
                {
                    return false;
                }

                if ((flags & ScopeFlags.Function) != 0)
                {
                    return (flags & ScopeFlags.Async) != 0;
                }
            }

            return _inModule;
        }
    }

    private bool AllowSuper => (CurrentThisScope.Flags & ScopeFlags.Super) != 0;

    private bool AllowDirectSuper => (CurrentThisScope.Flags & ScopeFlags.DirectSuper) != 0;

    private bool AllowNewDotTarget
    {
        get
        {
            for (var i = _scopes.Count - 1; i >= 0; i--)
            {
                var flags = _scopes[i].Flags;
                if ((flags & (ScopeFlags.ClassStaticBlock | ScopeFlags.ClassFieldInit)) != 0 ||
                    ((flags & ScopeFlags.Function) != 0 && (flags & ScopeFlags.Arrow) == 0))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool AllowUsing
    {
        get
        {
            var flags = CurrentScope.Flags;
            if ((flags & ScopeFlags.Switch) != 0)
            {
                return false;
            }

            return _inModule || (flags & ScopeFlags.Top) == 0;
        }
    }

    private static ScopeFlags FunctionFlags(bool isAsync, bool isGenerator) =>
        ScopeFlags.Function | (isAsync ? ScopeFlags.Async : 0) | (isGenerator ? ScopeFlags.Generator : 0);

    private bool TreatFunctionsAsVarInScope(Scope scope) =>
        (scope.Flags & ScopeFlags.Function) != 0 || (!_inModule && (scope.Flags & ScopeFlags.Top) != 0);

    private bool TreatFunctionsAsVar => TreatFunctionsAsVarInScope(CurrentScope);

    private void DeclareName(string name, BindingKind kind, int pos)
    {
        var redeclared = false;
        switch (kind)
        {
            case BindingKind.Lexical:
                {
                    var scope = CurrentScope;
                    redeclared = scope.Lexical.Contains(name) || scope.Functions.Contains(name) || scope.Var.Contains(name);
                    scope.AddLexical(name);
                    if (_inModule && (scope.Flags & ScopeFlags.Top) != 0)
                    {
                        _undefinedExports?.Remove(name);
                    }

                    break;
                }

            case BindingKind.SimpleCatch:
                CurrentScope.AddLexical(name);
                break;
            case BindingKind.Function:
                {
                    var scope = CurrentScope;
                    redeclared = TreatFunctionsAsVar
                        ? scope.Lexical.Contains(name)
                        : scope.Lexical.Contains(name) || scope.Var.Contains(name);
                    scope.Functions.Add(name);
                    break;
                }

            default:
                for (var i = _scopes.Count - 1; i >= 0; i--)
                {
                    var scope = _scopes[i];
                    if ((scope.Lexical.Contains(name) && !((scope.Flags & ScopeFlags.SimpleCatch) != 0 && scope.FirstLexical == name)) ||
                        (!TreatFunctionsAsVarInScope(scope) && scope.Functions.Contains(name)))
                    {
                        redeclared = true;
                        break;
                    }

                    scope.Var.Add(name);
                    if (_inModule && (scope.Flags & ScopeFlags.Top) != 0)
                    {
                        _undefinedExports?.Remove(name);
                    }

                    if ((scope.Flags & ScopeFlags.Var) != 0)
                    {
                        break;
                    }
                }

                break;
        }

        if (redeclared)
        {
            Raise(pos, $"Identifier '{name}' has already been declared");
        }
    }

    private void CheckLocalExport(Identifier id)
    {
        var top = _scopes[0];
        if (!top.Lexical.Contains(id.Name) && !top.Var.Contains(id.Name))
        {
            _undefinedExports ??= new Dictionary<string, Identifier>(StringComparer.Ordinal);
            _undefinedExports[id.Name] = id;
        }
    }

    // ---- labels ----

    private enum LabelKind
    {
        None,
        Loop,
        Switch,
    }

    private struct Label
    {
        public string? Name;
        public LabelKind Kind;
        public int StatementStart;
    }

    private List<Label> _labels = [];

    // ---- private names ----

    private sealed class PrivateNameScope
    {
        public readonly Dictionary<string, string> Declared = new(StringComparer.Ordinal);
        public readonly List<PrivateIdentifier> Used = [];
    }

    private readonly List<PrivateNameScope> _privateNameStack = [];

    private PrivateNameScope EnterClassBody()
    {
        var scope = new PrivateNameScope();
        _privateNameStack.Add(scope);
        return scope;
    }

    private void ExitClassBody()
    {
        var scope = _privateNameStack[^1];
        _privateNameStack.RemoveAt(_privateNameStack.Count - 1);
        var parent = _privateNameStack.Count > 0 ? _privateNameStack[^1] : null;
        foreach (var id in scope.Used)
        {
            if (!scope.Declared.ContainsKey(id.Name))
            {
                if (parent is not null)
                {
                    parent.Used.Add(id);
                }
                else
                {
                    Raise(id.Start, $"Private field '#{id.Name}' must be declared in an enclosing class");
                }
            }
        }
    }
}
