using System.Numerics;

namespace LavaMoat.Bundler.Syntax.Ast;

public enum LiteralKind
{
    String,
    Number,
    Boolean,
    Null,
    RegExp,
    BigInt,
}

/// <summary>The pattern and flags of a regular expression literal.</summary>
public sealed record RegExpValue(string Pattern, string Flags);

/// <summary>
/// ESTree <c>Literal</c>. <see cref="Value"/> holds a <see cref="string"/>, <see cref="double"/>,
/// <see cref="bool"/>, null (for <c>null</c> and for RegExp literals) or a <see cref="BigInteger"/>.
/// </summary>
public sealed class Literal : Expression
{
    public Literal(LiteralKind kind, object? value, string raw, RegExpValue? regex = null)
    {
        Kind = kind;
        Value = value;
        Raw = raw;
        Regex = regex;
    }

    public override NodeType Type => NodeType.Literal;

    public LiteralKind Kind { get; }

    public object? Value { get; }

    public string Raw { get; }

    public RegExpValue? Regex { get; }

    public string? StringValue => Value as string;

    /// <summary>acorn's <c>bigint</c> property: the value in decimal digits, without the <c>n</c>.</summary>
    public string? BigIntDigits => Value is BigInteger big ? big.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
