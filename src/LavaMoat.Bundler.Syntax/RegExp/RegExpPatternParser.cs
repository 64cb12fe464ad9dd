using System.Runtime.CompilerServices;
using System.Text;

namespace LavaMoat.Bundler.Syntax.RegExp;

/// <summary>
/// Recursive-descent recogniser for a regular expression pattern (ECMA-262 §22.2.1 and Annex B.1.2). It builds
/// no tree: it only tracks what the early errors need (capture count, group names per alternative, back
/// references). The first error throws <see cref="RegExpSyntaxException"/>.
/// </summary>
/// <remarks>
/// Where the grammar is ambiguous or the spec leaves error choice open, the parser follows acorn 8.19's reading
/// (for example greedy pattern characters, which construct a class escape belongs to, and which message wins),
/// because the bundler's output is checked against acorn.
/// </remarks>
internal sealed class RegExpPatternParser
{
    /// <summary>What a class-set construct can match: used to forbid negating sets that may contain strings.</summary>
    private enum SetKind
    {
        None,
        Chars,
        Strings,
    }

    private readonly string source;

    /// <summary>u or v: strict escapes, code points instead of code units.</summary>
    private readonly bool unicodeMode;

    /// <summary>v: class set syntax.</summary>
    private readonly bool unicodeSetsMode;

    /// <summary>The [N] grammar parameter: \k is a named reference rather than an identity escape.</summary>
    private bool namedGroupsMode;

    private int pos;

    /// <summary>Value of the last character or escape read; -1 for a class escape such as \d.</summary>
    private int lastChar;

    /// <summary>
    /// Last decimal or hex number read. A double, like JavaScript's number, so huge quantifier bounds and
    /// back-reference numbers compare exactly as the reference does instead of overflowing.
    /// </summary>
    private double lastNumber;

    private string lastName = string.Empty;
    private int capturingGroupCount;
    private double maxBackReference;

    /// <summary>Group name → the alternative path of each group with that name (ES2025 duplicate names).</summary>
    private Dictionary<string, List<int[]>>? groupNames;

    private List<string>? namedReferences;

    /// <summary>
    /// The alternatives enclosing the current position, as (disjunction id, alternative index) pairs from the
    /// outermost disjunction inwards. Two groups may share a name only if some common disjunction puts them in
    /// different alternatives.
    /// </summary>
    private readonly List<int> branchPath = new(8);

    private int disjunctionCount;

    public RegExpPatternParser(string source, bool unicodeMode, bool unicodeSetsMode)
    {
        this.source = source;
        this.unicodeMode = unicodeMode;
        this.unicodeSetsMode = unicodeSetsMode;
        namedGroupsMode = unicodeMode;
    }

    public bool HasNamedGroups => groupNames is { Count: > 0 };

    public void EnableNamedGroups() => namedGroupsMode = true;

    public void ParsePattern()
    {
        pos = 0;
        lastChar = 0;
        lastNumber = 0;
        lastName = string.Empty;
        capturingGroupCount = 0;
        maxBackReference = 0;
        groupNames?.Clear();
        namedReferences?.Clear();
        branchPath.Clear();
        disjunctionCount = 0;

        ParseDisjunction();

        if (pos != source.Length)
        {
            if (Eat(')'))
            {
                throw Error("Unmatched ')'");
            }

            if (Eat(']') || Eat('}'))
            {
                throw Error("Lone quantifier brackets");
            }
        }

        // Checked after the whole pattern because a back reference may precede its group.
        if (maxBackReference > capturingGroupCount)
        {
            throw Error("Invalid escape");
        }

        if (namedReferences is not null)
        {
            foreach (var name in namedReferences)
            {
                if (groupNames is null || !groupNames.ContainsKey(name))
                {
                    throw Error("Invalid named capture referenced");
                }
            }
        }
    }

    private static RegExpSyntaxException Error(string reason) => new(reason);

    /// <summary>
    /// Groups and v-mode classes nest by recursion; a hostile pattern such as 100,000 "(" must become a
    /// rejection, not a process-killing stack overflow (acorn fails on such input too, with a RangeError).
    /// </summary>
    private static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("Nesting is too deep to process");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Input. In unicode mode a surrogate pair reads as one code point; otherwise each UTF-16 unit is a character.

    private int At(int index, bool forceUnicode)
    {
        if (index >= source.Length)
        {
            return -1;
        }

        int c = source[index];
        if ((!forceUnicode && !unicodeMode) || c is < 0xD800 or > 0xDFFF || index + 1 >= source.Length)
        {
            return c;
        }

        int next = source[index + 1];
        return next is >= 0xDC00 and <= 0xDFFF ? (c << 10) + next - 0x35FDC00 : c;
    }

    private int NextIndex(int index, bool forceUnicode)
    {
        if (index >= source.Length)
        {
            return source.Length;
        }

        int c = source[index];
        if ((!forceUnicode && !unicodeMode) || c is < 0xD800 or > 0xDFFF || index + 1 >= source.Length
            || source[index + 1] is < (char)0xDC00 or > (char)0xDFFF)
        {
            return index + 1;
        }

        return index + 2;
    }

    private int Current() => At(pos, false);

    private int Lookahead() => At(NextIndex(pos, false), false);

    private void Advance() => pos = NextIndex(pos, false);

    private bool Eat(char c)
    {
        if (Current() == c)
        {
            Advance();
            return true;
        }

        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Disjunction, alternative, term.

    private void ParseDisjunction()
    {
        EnsureStack();
        var level = branchPath.Count;
        branchPath.Add(++disjunctionCount);
        branchPath.Add(0);

        ParseAlternative();
        while (Eat('|'))
        {
            branchPath[level + 1]++;
            ParseAlternative();
        }

        branchPath.RemoveRange(level, 2);

        // An alternative stops at a quantifier that has nothing to repeat; report it here rather than as a
        // stray character.
        if (EatQuantifier(noError: true))
        {
            throw Error("Nothing to repeat");
        }

        if (Eat('{'))
        {
            throw Error("Lone quantifier brackets");
        }
    }

    private void ParseAlternative()
    {
        while (pos < source.Length && EatTerm())
        {
        }
    }

    private bool EatTerm()
    {
        if (EatAssertion(out var quantifiable))
        {
            // Annex B lets lookaheads take a quantifier; unicode mode does not.
            if (quantifiable && EatQuantifier(noError: false) && unicodeMode)
            {
                throw Error("Invalid quantifier");
            }

            return true;
        }

        if (unicodeMode ? EatAtom() : EatExtendedAtom())
        {
            EatQuantifier(noError: false);
            return true;
        }

        return false;
    }

    private bool EatAssertion(out bool quantifiable)
    {
        var start = pos;
        quantifiable = false;

        if (Eat('^') || Eat('$'))
        {
            return true;
        }

        if (Eat('\\'))
        {
            if (Eat('B') || Eat('b'))
            {
                return true;
            }

            pos = start;
        }

        if (Eat('(') && Eat('?'))
        {
            var lookbehind = Eat('<');
            if (Eat('=') || Eat('!'))
            {
                ParseDisjunction();
                if (!Eat(')'))
                {
                    throw Error("Unterminated group");
                }

                quantifiable = !lookbehind;
                return true;
            }
        }

        pos = start;
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Quantifiers.

    /// <param name="noError">True when probing for a quantifier where none may stand (to pick a message).</param>
    private bool EatQuantifier(bool noError)
    {
        if (Eat('*') || Eat('+') || Eat('?') || EatBracedQuantifier(noError))
        {
            Eat('?');
            return true;
        }

        return false;
    }

    private bool EatBracedQuantifier(bool noError)
    {
        var start = pos;
        if (!Eat('{'))
        {
            return false;
        }

        if (EatDecimalDigits())
        {
            var min = lastNumber;
            double max = -1;
            if (Eat(',') && EatDecimalDigits())
            {
                max = lastNumber;
            }

            if (Eat('}'))
            {
                if (max != -1 && max < min && !noError)
                {
                    throw Error("numbers out of order in {} quantifier");
                }

                return true;
            }
        }

        // Annex B reads a "{" that does not start a quantifier as a literal; unicode mode forbids it.
        if (unicodeMode && !noError)
        {
            throw Error("Incomplete quantifier");
        }

        pos = start;
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Atoms.

    private bool EatAtom() =>
        EatPatternCharacters()
        || Eat('.')
        || EatBackslashAtomEscape()
        || EatCharacterClass()
        || EatNonCapturingGroup()
        || EatCapturingGroup();

    /// <summary>Annex B ExtendedAtom: adds literal "{", "}", "]" and lenient escapes.</summary>
    private bool EatExtendedAtom() =>
        Eat('.')
        || EatBackslashAtomEscape()
        || EatCharacterClass()
        || EatNonCapturingGroup()
        || EatCapturingGroup()
        || EatInvalidBracedQuantifier()
        || EatExtendedPatternCharacter();

    private bool EatInvalidBracedQuantifier()
    {
        if (EatBracedQuantifier(noError: true))
        {
            throw Error("Nothing to repeat");
        }

        return false;
    }

    private bool EatPatternCharacters()
    {
        var start = pos;
        int c;
        while ((c = Current()) != -1 && !IsSyntaxCharacter(c))
        {
            Advance();
        }

        return pos != start;
    }

    private bool EatExtendedPatternCharacter()
    {
        var c = Current();
        if (c != -1 && c is not ('$' or '(' or ')' or '*' or '+' or '.' or '?' or '[' or '^' or '|'))
        {
            Advance();
            return true;
        }

        return false;
    }

    private static bool IsSyntaxCharacter(int c) =>
        c is '$' or '(' or ')' or '*' or '+' or '.' or '?' or '[' or '\\' or ']' or '^' or '{' or '|' or '}';

    // ---------------------------------------------------------------------------------------------------------
    // Groups.

    private bool EatNonCapturingGroup()
    {
        var start = pos;
        if (!Eat('('))
        {
            return false;
        }

        if (Eat('?'))
        {
            // ES2025 modifiers: (?ims-ims:...).
            var add = EatModifiers(out var addRepeated, out var addAny);
            var hyphen = Eat('-');
            if (addAny || hyphen)
            {
                if (addRepeated)
                {
                    throw Error("Duplicate regular expression modifiers");
                }

                if (hyphen)
                {
                    var remove = EatModifiers(out var removeRepeated, out var removeAny);
                    if (!addAny && !removeAny && Current() == ':')
                    {
                        throw Error("Invalid regular expression modifiers");
                    }

                    if (removeRepeated || (add & remove) != 0)
                    {
                        throw Error("Duplicate regular expression modifiers");
                    }
                }
            }

            if (Eat(':'))
            {
                ParseDisjunction();
                if (Eat(')'))
                {
                    return true;
                }

                throw Error("Unterminated group");
            }
        }

        pos = start;
        return false;
    }

    /// <returns>A bit mask of the i/m/s modifiers read.</returns>
    private int EatModifiers(out bool repeated, out bool any)
    {
        var mask = 0;
        repeated = false;
        any = false;
        while (true)
        {
            var bit = Current() switch
            {
                'i' => 1,
                'm' => 2,
                's' => 4,
                _ => 0,
            };
            if (bit == 0)
            {
                return mask;
            }

            repeated |= (mask & bit) != 0;
            mask |= bit;
            any = true;
            Advance();
        }
    }

    private bool EatCapturingGroup()
    {
        if (!Eat('('))
        {
            return false;
        }

        if (Eat('?'))
        {
            if (!EatGroupName())
            {
                throw Error("Invalid group");
            }

            DeclareGroupName(lastName);
        }

        ParseDisjunction();
        if (Eat(')'))
        {
            capturingGroupCount++;
            return true;
        }

        throw Error("Unterminated group");
    }

    private void DeclareGroupName(string name)
    {
        groupNames ??= new Dictionary<string, List<int[]>>(StringComparer.Ordinal);
        if (groupNames.TryGetValue(name, out var paths))
        {
            foreach (var path in paths)
            {
                if (!InDifferentAlternatives(path, branchPath))
                {
                    throw Error("Duplicate capture group name");
                }
            }
        }
        else
        {
            paths = new List<int[]>(1);
            groupNames.Add(name, paths);
        }

        paths.Add(branchPath.ToArray());
    }

    /// <summary>True when some disjunction enclosing both positions has them in different alternatives.</summary>
    private static bool InDifferentAlternatives(int[] earlier, List<int> current)
    {
        var length = Math.Min(earlier.Length, current.Count);
        for (var i = 0; i < length; i += 2)
        {
            if (earlier[i] != current[i])
            {
                // Different disjunctions at this depth: no deeper disjunction is shared either.
                return false;
            }

            if (earlier[i + 1] != current[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>GroupName :: <c>&lt;</c> RegExpIdentifierName <c>&gt;</c>; sets <see cref="lastName"/>.</summary>
    private bool EatGroupName()
    {
        lastName = string.Empty;
        if (!Eat('<'))
        {
            return false;
        }

        if (EatIdentifierName() && Eat('>'))
        {
            return true;
        }

        throw Error("Invalid capture group name");
    }

    private bool EatIdentifierName()
    {
        if (!EatIdentifierChar(start: true))
        {
            return false;
        }

        // Names are rare, so building the string (escapes decoded) is not on the common path.
        var name = new StringBuilder();
        AppendCodePoint(name, lastChar);
        while (EatIdentifierChar(start: false))
        {
            AppendCodePoint(name, lastChar);
        }

        lastName = name.ToString();
        return true;
    }

    /// <summary>
    /// One RegExpIdentifierStart/Part. Group names are read as code points and take \u{...} and surrogate-pair
    /// escapes even outside unicode mode (ES2020).
    /// </summary>
    private bool EatIdentifierChar(bool start)
    {
        var begin = pos;
        var c = At(pos, forceUnicode: true);
        pos = NextIndex(pos, forceUnicode: true);

        if (c == '\\' && EatUnicodeEscape(forceUnicode: true))
        {
            c = lastChar;
        }

        if (start ? Unicode.IdentifierChars.IsIdentifierStart(c) : Unicode.IdentifierChars.IsIdentifierPart(c))
        {
            lastChar = c;
            return true;
        }

        pos = begin;
        return false;
    }

    private static void AppendCodePoint(StringBuilder builder, int codePoint)
    {
        if (codePoint < 0x10000)
        {
            builder.Append((char)codePoint);
        }
        else
        {
            codePoint -= 0x10000;
            builder.Append((char)(0xD800 + (codePoint >> 10)));
            builder.Append((char)(0xDC00 + (codePoint & 0x3FF)));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Escapes outside classes.

    private bool EatBackslashAtomEscape()
    {
        var start = pos;
        if (Eat('\\'))
        {
            if (EatAtomEscape())
            {
                return true;
            }

            pos = start;
        }

        return false;
    }

    private bool EatAtomEscape()
    {
        if (EatBackReference()
            || EatCharacterClassEscape() != SetKind.None
            || EatCharacterEscape()
            || (namedGroupsMode && EatNamedReference()))
        {
            return true;
        }

        if (unicodeMode)
        {
            throw Error(Current() == 'c' ? "Invalid unicode escape" : "Invalid escape");
        }

        // Annex B: the backslash is then read as a literal character.
        return false;
    }

    private bool EatBackReference()
    {
        var start = pos;
        if (!EatDecimalEscape())
        {
            return false;
        }

        var n = lastNumber;
        if (unicodeMode)
        {
            // The group may come later in the pattern; checked once the pattern is read.
            if (n > maxBackReference)
            {
                maxBackReference = n;
            }

            return true;
        }

        // Annex B: \N beyond the groups seen so far is an octal or identity escape instead.
        if (n <= capturingGroupCount)
        {
            return true;
        }

        pos = start;
        return false;
    }

    private bool EatDecimalEscape()
    {
        lastNumber = 0;
        var c = Current();
        if (c is < '1' or > '9')
        {
            return false;
        }

        do
        {
            lastNumber = (10 * lastNumber) + (c - '0');
            Advance();
        }
        while ((c = Current()) is >= '0' and <= '9');

        return true;
    }

    private bool EatNamedReference()
    {
        if (!Eat('k'))
        {
            return false;
        }

        if (EatGroupName())
        {
            (namedReferences ??= new List<string>(1)).Add(lastName);
            return true;
        }

        throw Error("Invalid named reference");
    }

    private bool EatCharacterEscape() =>
        EatControlEscape()
        || EatControlLetterEscape()
        || EatZero()
        || EatHexEscape()
        || EatUnicodeEscape(forceUnicode: false)
        || (!unicodeMode && EatLegacyOctalEscape())
        || EatIdentityEscape();

    private bool EatControlEscape()
    {
        var value = Current() switch
        {
            't' => 0x09,
            'n' => 0x0A,
            'v' => 0x0B,
            'f' => 0x0C,
            'r' => 0x0D,
            _ => -1,
        };
        if (value < 0)
        {
            return false;
        }

        lastChar = value;
        Advance();
        return true;
    }

    private bool EatControlLetterEscape()
    {
        var start = pos;
        if (Eat('c'))
        {
            var c = Current();
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z'))
            {
                lastChar = c % 0x20;
                Advance();
                return true;
            }

            pos = start;
        }

        return false;
    }

    private bool EatZero()
    {
        if (Current() == '0' && Lookahead() is < '0' or > '9')
        {
            lastChar = 0;
            Advance();
            return true;
        }

        return false;
    }

    private bool EatHexEscape()
    {
        var start = pos;
        if (Eat('x'))
        {
            if (EatFixedHexDigits(2))
            {
                return true;
            }

            if (unicodeMode)
            {
                throw Error("Invalid escape");
            }

            pos = start;
        }

        return false;
    }

    /// <summary>
    /// \uXXXX, and in unicode mode also \u{X...} and a \uLEAD\uTRAIL pair read as one code point (so it can
    /// bound a range).
    /// </summary>
    private bool EatUnicodeEscape(bool forceUnicode)
    {
        var start = pos;
        var unicode = forceUnicode || unicodeMode;
        if (!Eat('u'))
        {
            return false;
        }

        if (EatFixedHexDigits(4))
        {
            var lead = lastChar;
            if (unicode && lead is >= 0xD800 and <= 0xDBFF)
            {
                var leadEnd = pos;
                if (Eat('\\') && Eat('u') && EatFixedHexDigits(4) && lastChar is >= 0xDC00 and <= 0xDFFF)
                {
                    lastChar = ((lead - 0xD800) * 0x400) + (lastChar - 0xDC00) + 0x10000;
                    return true;
                }

                pos = leadEnd;
                lastChar = lead;
            }

            return true;
        }

        if (unicode && Eat('{') && EatHexDigits() && Eat('}') && lastNumber <= 0x10FFFF)
        {
            lastChar = (int)lastNumber;
            return true;
        }

        if (unicode)
        {
            throw Error("Invalid unicode escape");
        }

        pos = start;
        return false;
    }

    /// <summary>Annex B: \0 to \377.</summary>
    private bool EatLegacyOctalEscape()
    {
        var first = Current() - '0';
        if (first is < 0 or > 7)
        {
            return false;
        }

        Advance();
        var value = first;
        var second = Current() - '0';
        if (second is >= 0 and <= 7)
        {
            Advance();
            value = (value * 8) + second;
            var third = Current() - '0';
            if (first <= 3 && third is >= 0 and <= 7)
            {
                Advance();
                value = (value * 8) + third;
            }
        }

        lastChar = value;
        return true;
    }

    private bool EatIdentityEscape()
    {
        var c = Current();
        if (unicodeMode)
        {
            // Only syntax characters and "/" may be escaped in unicode mode.
            if (IsSyntaxCharacter(c) || c == '/')
            {
                lastChar = c;
                Advance();
                return true;
            }

            return false;
        }

        // Annex B: anything but "c" (which starts \cX) and, with named groups, "k".
        if (c != 'c' && (!namedGroupsMode || c != 'k'))
        {
            lastChar = c;
            Advance();
            return true;
        }

        return false;
    }

    /// <summary>\d \D \s \S \w \W, and \p{...} \P{...} in unicode mode.</summary>
    private SetKind EatCharacterClassEscape()
    {
        var c = Current();
        if (c is 'd' or 'D' or 's' or 'S' or 'w' or 'W')
        {
            lastChar = -1;
            Advance();
            return SetKind.Chars;
        }

        if (!unicodeMode || c is not ('p' or 'P'))
        {
            return SetKind.None;
        }

        var negated = c == 'P';
        lastChar = -1;
        Advance();
        SetKind kind;
        if (Eat('{') && (kind = EatUnicodePropertyValueExpression()) != SetKind.None && Eat('}'))
        {
            if (negated && kind == SetKind.Strings)
            {
                throw Error("Invalid property name");
            }

            return kind;
        }

        throw Error("Invalid property name");
    }

    private SetKind EatUnicodePropertyValueExpression()
    {
        var start = pos;

        // name=value
        var nameLength = CountWhile(pos, static c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_');
        if (nameLength > 0 && At(pos + nameLength, false) == '=')
        {
            var valueStart = pos + nameLength + 1;
            var valueLength = CountWhile(valueStart, IsPropertyValueCharacter);
            if (valueLength > 0)
            {
                pos = valueStart + valueLength;
                var property = UnicodePropertyNames.GetNonBinaryProperty(source.AsSpan(start, nameLength))
                    ?? throw Error("Invalid property name");
                if (!UnicodePropertyNames.IsValidValue(property, source.AsSpan(valueStart, valueLength)))
                {
                    throw Error("Invalid property value");
                }

                return SetKind.Chars;
            }
        }

        // Lone name or General_Category value.
        var length = CountWhile(start, IsPropertyValueCharacter);
        if (length == 0)
        {
            return SetKind.None;
        }

        pos = start + length;
        var nameOrValue = source.AsSpan(start, length);
        if (UnicodePropertyNames.IsLoneNameOrValue(nameOrValue))
        {
            return SetKind.Chars;
        }

        if (unicodeSetsMode && UnicodePropertyNames.IsPropertyOfStrings(nameOrValue))
        {
            return SetKind.Strings;
        }

        throw Error("Invalid property name");
    }

    private static bool IsPropertyValueCharacter(int c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';

    private int CountWhile(int from, Func<int, bool> predicate)
    {
        var i = from;
        while (i < source.Length && predicate(source[i]))
        {
            i++;
        }

        return i - from;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Character classes.

    private bool EatCharacterClass()
    {
        if (!Eat('['))
        {
            return false;
        }

        var negated = Eat('^');
        var kind = ParseClassContents();
        if (!Eat(']'))
        {
            throw Error("Unterminated character class");
        }

        if (negated && kind == SetKind.Strings)
        {
            throw Error("Negated character class may contain strings");
        }

        return true;
    }

    private SetKind ParseClassContents()
    {
        EnsureStack();
        if (Current() == ']')
        {
            return SetKind.Chars;
        }

        if (unicodeSetsMode)
        {
            return ParseClassSetExpression();
        }

        ParseClassRanges();
        return SetKind.Chars;
    }

    private void ParseClassRanges()
    {
        while (EatClassAtom())
        {
            var left = lastChar;
            if (Eat('-') && EatClassAtom())
            {
                var right = lastChar;

                // Annex B allows a class escape as a range end (the "-" is then literal); unicode mode does not.
                if (unicodeMode && (left == -1 || right == -1))
                {
                    throw Error("Invalid character class");
                }

                if (left != -1 && right != -1 && left > right)
                {
                    throw Error("Range out of order in character class");
                }
            }
        }
    }

    private bool EatClassAtom()
    {
        var start = pos;
        if (Eat('\\'))
        {
            if (EatClassEscape())
            {
                return true;
            }

            if (unicodeMode)
            {
                var c = Current();
                throw Error(c == 'c' || c is >= '0' and <= '7' ? "Invalid class escape" : "Invalid escape");
            }

            // Annex B: a backslash that starts no escape is a literal backslash.
            pos = start;
        }

        var current = Current();
        if (current is not (']' or -1))
        {
            lastChar = current;
            Advance();
            return true;
        }

        return false;
    }

    private bool EatClassEscape()
    {
        var start = pos;
        if (Eat('b'))
        {
            lastChar = 0x08;
            return true;
        }

        if (unicodeMode && Eat('-'))
        {
            lastChar = '-';
            return true;
        }

        // Annex B ClassControlLetter: \c followed by a digit or "_" inside a class.
        if (!unicodeMode && Eat('c'))
        {
            var c = Current();
            if (c is (>= '0' and <= '9') or '_')
            {
                lastChar = c % 0x20;
                Advance();
                return true;
            }

            pos = start;
        }

        return EatCharacterClassEscape() != SetKind.None || EatCharacterEscape();
    }

    // ---------------------------------------------------------------------------------------------------------
    // v-mode class sets: union, intersection (&&), subtraction (--), nested classes, \q{...}.

    private SetKind ParseClassSetExpression()
    {
        var kind = SetKind.Chars;
        if (!EatClassSetRange())
        {
            var operand = EatClassSetOperand();
            if (operand == SetKind.None)
            {
                throw Error("Invalid character in character class");
            }

            if (operand == SetKind.Strings)
            {
                kind = SetKind.Strings;
            }

            var afterFirst = pos;
            while (EatTwo('&', '&'))
            {
                if (Current() != '&' && (operand = EatClassSetOperand()) != SetKind.None)
                {
                    // An intersection can only contain strings if every operand can.
                    if (operand != SetKind.Strings)
                    {
                        kind = SetKind.Chars;
                    }

                    continue;
                }

                throw Error("Invalid character in character class");
            }

            if (afterFirst != pos)
            {
                return kind;
            }

            while (EatTwo('-', '-'))
            {
                if (EatClassSetOperand() != SetKind.None)
                {
                    continue;
                }

                throw Error("Invalid character in character class");
            }

            if (afterFirst != pos)
            {
                return kind;
            }
        }

        // Union: ranges and operands until something else (normally "]").
        while (true)
        {
            if (EatClassSetRange())
            {
                continue;
            }

            var operand = EatClassSetOperand();
            if (operand == SetKind.None)
            {
                return kind;
            }

            if (operand == SetKind.Strings)
            {
                kind = SetKind.Strings;
            }
        }
    }

    private bool EatTwo(char first, char second)
    {
        if (Current() == first && Lookahead() == second)
        {
            pos += 2;
            return true;
        }

        return false;
    }

    private bool EatClassSetRange()
    {
        var start = pos;
        if (EatClassSetCharacter())
        {
            var left = lastChar;
            if (Eat('-') && EatClassSetCharacter())
            {
                var right = lastChar;
                if (left != -1 && right != -1 && left > right)
                {
                    throw Error("Range out of order in character class");
                }

                return true;
            }

            pos = start;
        }

        return false;
    }

    private SetKind EatClassSetOperand()
    {
        if (EatClassSetCharacter())
        {
            return SetKind.Chars;
        }

        var kind = EatClassStringDisjunction();
        return kind != SetKind.None ? kind : EatNestedClass();
    }

    private SetKind EatNestedClass()
    {
        var start = pos;
        if (Eat('['))
        {
            var negated = Eat('^');
            var kind = ParseClassContents();
            if (Eat(']'))
            {
                if (negated && kind == SetKind.Strings)
                {
                    throw Error("Negated character class may contain strings");
                }

                return kind;
            }

            pos = start;
        }

        if (Eat('\\'))
        {
            var kind = EatCharacterClassEscape();
            if (kind != SetKind.None)
            {
                return kind;
            }

            pos = start;
        }

        return SetKind.None;
    }

    /// <summary>\q{abc|d}: a class string of other than one character makes the set contain strings.</summary>
    private SetKind EatClassStringDisjunction()
    {
        var start = pos;
        if (!EatTwo('\\', 'q'))
        {
            return SetKind.None;
        }

        if (!Eat('{'))
        {
            throw Error("Invalid escape");
        }

        var kind = EatClassString();
        while (Eat('|'))
        {
            if (EatClassString() == SetKind.Strings)
            {
                kind = SetKind.Strings;
            }
        }

        if (Eat('}'))
        {
            return kind;
        }

        pos = start;
        return SetKind.None;
    }

    private SetKind EatClassString()
    {
        var count = 0;
        while (EatClassSetCharacter())
        {
            count++;
        }

        return count == 1 ? SetKind.Chars : SetKind.Strings;
    }

    private bool EatClassSetCharacter()
    {
        var start = pos;
        if (Eat('\\'))
        {
            if (EatCharacterEscape() || EatClassSetReservedPunctuator())
            {
                return true;
            }

            if (Eat('b'))
            {
                lastChar = 0x08;
                return true;
            }

            pos = start;
            return false;
        }

        var c = Current();
        if (c < 0 || (c == Lookahead() && IsClassSetReservedDoublePunctuator(c)) || IsClassSetSyntaxCharacter(c))
        {
            return false;
        }

        Advance();
        lastChar = c;
        return true;
    }

    private bool EatClassSetReservedPunctuator()
    {
        var c = Current();
        if (c is '!' or '#' or '%' or '&' or ',' or '-' or ':' or ';' or '<' or '=' or '>' or '@' or '`' or '~')
        {
            lastChar = c;
            Advance();
            return true;
        }

        return false;
    }

    /// <summary>The first character of a reserved double punctuator such as <c>&amp;&amp;</c> or <c>!!</c>.</summary>
    private static bool IsClassSetReservedDoublePunctuator(int c) =>
        c is '!' or '#' or '$' or '%' or '&' or '*' or '+' or ',' or '.' or ':' or ';' or '<' or '=' or '>' or '?'
            or '@' or '^' or '`' or '~';

    private static bool IsClassSetSyntaxCharacter(int c) =>
        c is '(' or ')' or '-' or '/' or '[' or '\\' or ']' or '{' or '|' or '}';

    private bool EatDecimalDigits()
    {
        var start = pos;
        lastNumber = 0;
        int c;
        while ((c = Current()) is >= '0' and <= '9')
        {
            lastNumber = (10 * lastNumber) + (c - '0');
            Advance();
        }

        return pos != start;
    }

    private bool EatHexDigits()
    {
        var start = pos;
        lastNumber = 0;
        int value;
        while ((value = HexValue(Current())) >= 0)
        {
            lastNumber = (16 * lastNumber) + value;
            Advance();
        }

        return pos != start;
    }

    private bool EatFixedHexDigits(int length)
    {
        var start = pos;
        var result = 0;
        for (var i = 0; i < length; i++)
        {
            var value = HexValue(Current());
            if (value < 0)
            {
                pos = start;
                return false;
            }

            result = (result * 16) + value;
            Advance();
        }

        lastChar = result;
        return true;
    }

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
