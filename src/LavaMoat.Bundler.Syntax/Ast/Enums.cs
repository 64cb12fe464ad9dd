namespace LavaMoat.Bundler.Syntax.Ast;

public enum SourceType
{
    Script,
    Module,
}

public enum VariableDeclarationKind
{
    Var,
    Let,
    Const,
    Using,
    AwaitUsing,
}

public enum PropertyKind
{
    Init,
    Get,
    Set,
}

public enum MethodDefinitionKind
{
    Constructor,
    Method,
    Get,
    Set,
}

public enum UnaryOperator
{
    Minus,
    Plus,
    LogicalNot,
    BitwiseNot,
    TypeOf,
    Void,
    Delete,
}

public enum UpdateOperator
{
    Increment,
    Decrement,
}

public enum BinaryOperator
{
    Equality,
    Inequality,
    StrictEquality,
    StrictInequality,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LeftShift,
    RightShift,
    UnsignedRightShift,
    Plus,
    Minus,
    Times,
    Divide,
    Modulo,
    Exponentiation,
    BitwiseOr,
    BitwiseXor,
    BitwiseAnd,
    In,
    InstanceOf,
}

public enum LogicalOperator
{
    Or,
    And,
    NullishCoalescing,
}

public enum AssignmentOperator
{
    Assign,
    PlusAssign,
    MinusAssign,
    TimesAssign,
    DivideAssign,
    ModuloAssign,
    ExponentiationAssign,
    LeftShiftAssign,
    RightShiftAssign,
    UnsignedRightShiftAssign,
    BitwiseOrAssign,
    BitwiseXorAssign,
    BitwiseAndAssign,
    OrAssign,
    AndAssign,
    NullishAssign,
}

/// <summary>The ESTree spelling of every enum above (the text acorn puts in the JSON).</summary>
public static class EstreeStrings
{
    public static string ToEstreeString(this SourceType value) => value == SourceType.Module ? "module" : "script";

    public static string ToEstreeString(this VariableDeclarationKind value) => value switch
    {
        VariableDeclarationKind.Var => "var",
        VariableDeclarationKind.Let => "let",
        VariableDeclarationKind.Const => "const",
        VariableDeclarationKind.Using => "using",
        VariableDeclarationKind.AwaitUsing => "await using",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToEstreeString(this PropertyKind value) => value switch
    {
        PropertyKind.Init => "init",
        PropertyKind.Get => "get",
        PropertyKind.Set => "set",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToEstreeString(this MethodDefinitionKind value) => value switch
    {
        MethodDefinitionKind.Constructor => "constructor",
        MethodDefinitionKind.Method => "method",
        MethodDefinitionKind.Get => "get",
        MethodDefinitionKind.Set => "set",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToEstreeString(this UnaryOperator value) => value switch
    {
        UnaryOperator.Minus => "-",
        UnaryOperator.Plus => "+",
        UnaryOperator.LogicalNot => "!",
        UnaryOperator.BitwiseNot => "~",
        UnaryOperator.TypeOf => "typeof",
        UnaryOperator.Void => "void",
        UnaryOperator.Delete => "delete",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToEstreeString(this UpdateOperator value) => value == UpdateOperator.Increment ? "++" : "--";

    public static string ToEstreeString(this BinaryOperator value) => value switch
    {
        BinaryOperator.Equality => "==",
        BinaryOperator.Inequality => "!=",
        BinaryOperator.StrictEquality => "===",
        BinaryOperator.StrictInequality => "!==",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.LeftShift => "<<",
        BinaryOperator.RightShift => ">>",
        BinaryOperator.UnsignedRightShift => ">>>",
        BinaryOperator.Plus => "+",
        BinaryOperator.Minus => "-",
        BinaryOperator.Times => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Exponentiation => "**",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.BitwiseXor => "^",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.In => "in",
        BinaryOperator.InstanceOf => "instanceof",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToEstreeString(this LogicalOperator value) => value switch
    {
        LogicalOperator.Or => "||",
        LogicalOperator.And => "&&",
        LogicalOperator.NullishCoalescing => "??",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToEstreeString(this AssignmentOperator value) => value switch
    {
        AssignmentOperator.Assign => "=",
        AssignmentOperator.PlusAssign => "+=",
        AssignmentOperator.MinusAssign => "-=",
        AssignmentOperator.TimesAssign => "*=",
        AssignmentOperator.DivideAssign => "/=",
        AssignmentOperator.ModuloAssign => "%=",
        AssignmentOperator.ExponentiationAssign => "**=",
        AssignmentOperator.LeftShiftAssign => "<<=",
        AssignmentOperator.RightShiftAssign => ">>=",
        AssignmentOperator.UnsignedRightShiftAssign => ">>>=",
        AssignmentOperator.BitwiseOrAssign => "|=",
        AssignmentOperator.BitwiseXorAssign => "^=",
        AssignmentOperator.BitwiseAndAssign => "&=",
        AssignmentOperator.OrAssign => "||=",
        AssignmentOperator.AndAssign => "&&=",
        AssignmentOperator.NullishAssign => "??=",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
