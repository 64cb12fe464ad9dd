using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LavaMoat.Bundler.Resolution;

/// <summary>How an <c>exports</c>/<c>imports</c> lookup ended.</summary>
internal enum TargetStatus
{
    /// <summary>A './' target: <see cref="TargetOutcome.Value"/> is a package-relative path ('./dist/x.js').</summary>
    Path,

    /// <summary>An <c>imports</c> target naming another package: <see cref="TargetOutcome.Value"/> is a bare specifier.</summary>
    Bare,

    /// <summary>An explicit <c>null</c> (or an empty array): deliberately not exported.</summary>
    Null,

    /// <summary>No key or condition matched.</summary>
    Undefined,

    /// <summary>The configuration or target is invalid: <see cref="TargetOutcome.ErrorCode"/> says how.</summary>
    Error,
}

/// <summary>The result of the spec's PACKAGE_TARGET_RESOLVE and friends, with a trail for diagnostics.</summary>
internal sealed record TargetOutcome(TargetStatus Status, string? Value, string Trail, string? ErrorCode = null, string? ErrorMessage = null)
{
    public static TargetOutcome Undefined(string trail) => new(TargetStatus.Undefined, null, trail);

    public static TargetOutcome Error(string code, string message, string trail) => new(TargetStatus.Error, null, trail, code, message);
}

/// <summary>
/// Node's <c>exports</c>/<c>imports</c> matching (PACKAGE_EXPORTS_RESOLVE, PACKAGE_IMPORTS_RESOLVE,
/// PACKAGE_IMPORTS_EXPORTS_RESOLVE, PATTERN_KEY_COMPARE and PACKAGE_TARGET_RESOLVE in the ESM resolution spec),
/// working on package-relative strings; the caller turns a result into a file and checks that it exists.
/// </summary>
internal static partial class PackageExports
{
    /// <summary>Resolves <paramref name="subpath"/> ("." or "./x") against a package's <c>exports</c>.</summary>
    public static TargetOutcome ResolveExports(JsonElement exports, string subpath, IReadOnlySet<string> conditions)
    {
        var mainOnly = exports.ValueKind != JsonValueKind.Object;
        if (exports.ValueKind == JsonValueKind.Object)
        {
            var dotKeys = 0;
            var otherKeys = 0;
            foreach (var property in exports.EnumerateObject())
            {
                if (property.Name.StartsWith('.'))
                {
                    dotKeys++;
                }
                else
                {
                    otherKeys++;
                }
            }

            if (dotKeys > 0 && otherKeys > 0)
            {
                return TargetOutcome.Error(
                    ResolutionCodes.InvalidPackageConfiguration,
                    "\"exports\" mixes subpath keys (starting with '.') and condition keys",
                    "exports");
            }

            mainOnly = dotKeys == 0;
        }

        if (subpath == ".")
        {
            if (mainOnly)
            {
                return ResolveTarget(exports, null, false, conditions, "exports");
            }

            return exports.TryGetProperty(".", out var main)
                ? ResolveTarget(main, null, false, conditions, "exports[\".\"]")
                : TargetOutcome.Undefined("exports");
        }

        return mainOnly
            ? TargetOutcome.Undefined("exports")
            : ResolveImportsExports(subpath, exports, false, conditions, "exports");
    }

    /// <summary>Resolves a '#name' specifier against a package's <c>imports</c>.</summary>
    public static TargetOutcome ResolveImports(JsonElement imports, string specifier, IReadOnlySet<string> conditions)
    {
        if (imports.ValueKind != JsonValueKind.Object)
        {
            return TargetOutcome.Undefined("imports");
        }

        return ResolveImportsExports(specifier, imports, true, conditions, "imports");
    }

    private static TargetOutcome ResolveImportsExports(string matchKey, JsonElement matchObject, bool isImports, IReadOnlySet<string> conditions, string field)
    {
        if (!matchKey.Contains('*', StringComparison.Ordinal) && matchObject.TryGetProperty(matchKey, out var exact))
        {
            return ResolveTarget(exact, null, isImports, conditions, $"{field}[\"{matchKey}\"]");
        }

        // Stable sort: keys that compare equal keep the package's order, as Array.prototype.sort does.
        var expansionKeys = matchObject.EnumerateObject()
            .Where(p => p.Name.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0
                && p.Name.IndexOf('*', star + 1) < 0)
            .Select(p => p.Name)
            .Order(Comparer<string>.Create(ComparePatternKeys))
            .ToList();

        foreach (var key in expansionKeys)
        {
            var star = key.IndexOf('*', StringComparison.Ordinal);
            var patternBase = key[..star];
            if (!matchKey.StartsWith(patternBase, StringComparison.Ordinal) || matchKey.Length == patternBase.Length)
            {
                continue;
            }

            var patternTrailer = key[(star + 1)..];
            if (patternTrailer.Length == 0
                || (matchKey.EndsWith(patternTrailer, StringComparison.Ordinal) && matchKey.Length >= key.Length))
            {
                var patternMatch = matchKey[patternBase.Length..(matchKey.Length - patternTrailer.Length)];
                return ResolveTarget(matchObject.GetProperty(key), patternMatch, isImports, conditions, $"{field}[\"{key}\"]");
            }
        }

        return TargetOutcome.Undefined(field);
    }

    /// <summary>PATTERN_KEY_COMPARE: longer prefix before '*' first, then keys with '*' before exact ones, then longer keys.</summary>
    internal static int ComparePatternKeys(string keyA, string keyB)
    {
        var starA = keyA.IndexOf('*', StringComparison.Ordinal);
        var starB = keyB.IndexOf('*', StringComparison.Ordinal);
        var baseLengthA = starA >= 0 ? starA + 1 : keyA.Length;
        var baseLengthB = starB >= 0 ? starB + 1 : keyB.Length;
        if (baseLengthA != baseLengthB)
        {
            return baseLengthA > baseLengthB ? -1 : 1;
        }

        if (starA < 0)
        {
            return 1;
        }

        if (starB < 0)
        {
            return -1;
        }

        return keyA.Length == keyB.Length ? 0 : keyA.Length > keyB.Length ? -1 : 1;
    }

    private static TargetOutcome ResolveTarget(JsonElement target, string? patternMatch, bool isImports, IReadOnlySet<string> conditions, string trail)
    {
        switch (target.ValueKind)
        {
            case JsonValueKind.String:
                return ResolveStringTarget(target.GetString()!, patternMatch, isImports, trail);

            case JsonValueKind.Object:
                foreach (var property in target.EnumerateObject())
                {
                    if (IsArrayIndex(property.Name))
                    {
                        return TargetOutcome.Error(
                            ResolutionCodes.InvalidPackageConfiguration,
                            $"{trail} has a numeric key \"{property.Name}\"; condition keys must be names",
                            trail);
                    }
                }

                foreach (var property in target.EnumerateObject())
                {
                    if (property.Name != "default" && !conditions.Contains(property.Name))
                    {
                        continue;
                    }

                    var outcome = ResolveTarget(property.Value, patternMatch, isImports, conditions, $"{trail} → {property.Name}");
                    if (outcome.Status != TargetStatus.Undefined)
                    {
                        return outcome;
                    }
                }

                return TargetOutcome.Undefined(trail);

            case JsonValueKind.Array:
                if (target.GetArrayLength() == 0)
                {
                    return new TargetOutcome(TargetStatus.Null, null, trail);
                }

                // Fallback arrays: an invalid target or null moves on to the next entry; the last of those is the
                // answer when nothing resolves.
                TargetOutcome? last = null;
                var index = 0;
                foreach (var item in target.EnumerateArray())
                {
                    var outcome = ResolveTarget(item, patternMatch, isImports, conditions, $"{trail}[{index++}]");
                    switch (outcome.Status)
                    {
                        case TargetStatus.Error when outcome.ErrorCode == ResolutionCodes.InvalidPackageTarget:
                        case TargetStatus.Null:
                            last = outcome;
                            continue;
                        case TargetStatus.Undefined:
                            continue;
                        default:
                            return outcome;
                    }
                }

                return last ?? TargetOutcome.Undefined(trail);

            case JsonValueKind.Null:
                return new TargetOutcome(TargetStatus.Null, null, trail);

            default:
                return TargetOutcome.Error(
                    ResolutionCodes.InvalidPackageTarget,
                    $"{trail} is {target.ValueKind.ToString().ToLowerInvariant()}; a target must be a string, object, array or null",
                    trail);
        }
    }

    private static TargetOutcome ResolveStringTarget(string target, string? patternMatch, bool isImports, string trail)
    {
        if (!target.StartsWith("./", StringComparison.Ordinal))
        {
            // Only imports may point at another package, and never through a path or URL.
            if (!isImports || target.StartsWith("../", StringComparison.Ordinal) || target.StartsWith('/') || UrlScheme().IsMatch(target))
            {
                return TargetOutcome.Error(
                    ResolutionCodes.InvalidPackageTarget,
                    $"{trail} target \"{target}\" is invalid: {(isImports ? "imports" : "exports")} targets must start with \"./\"{(isImports ? " or name a package" : "")}",
                    trail);
            }

            return new TargetOutcome(TargetStatus.Bare, patternMatch is null ? target : target.Replace("*", patternMatch, StringComparison.Ordinal), trail);
        }

        if (HasForbiddenSegment(target[2..]))
        {
            return TargetOutcome.Error(
                ResolutionCodes.InvalidPackageTarget,
                $"{trail} target \"{target}\" is invalid: it contains a '.', '..' or 'node_modules' segment",
                trail);
        }

        if (patternMatch is null)
        {
            return new TargetOutcome(TargetStatus.Path, target, trail);
        }

        if (HasForbiddenSegment(patternMatch))
        {
            return TargetOutcome.Error(
                ResolutionCodes.InvalidModuleSpecifier,
                $"the subpath \"{patternMatch}\" matched by {trail} contains a '.', '..' or 'node_modules' segment",
                trail);
        }

        return new TargetOutcome(TargetStatus.Path, target.Replace("*", patternMatch, StringComparison.Ordinal), trail);
    }

    // Node rejects '.', '..' and 'node_modules' segments, in any case and percent-encoded; empty segments are only
    // deprecated there, so they are accepted here too.
    private static bool HasForbiddenSegment(string path)
    {
        foreach (var segment in path.Split('/', '\\'))
        {
            var decoded = PercentDecode(segment);
            if (decoded is "." or ".." || decoded.Equals("node_modules", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string PercentDecode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length
                && int.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                builder.Append((char)value);
                i += 2;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsArrayIndex(string key) =>
        key.Length > 0 && key.All(char.IsAsciiDigit) && (key == "0" || key[0] != '0');

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UrlScheme();
}
